import PlatformKernel

/// A failure of the platform itself (not a refusal) while a bidder was depositing: the database not answering,
/// the disk full, a node's fault. Kept so that a bidder who could not finish before the deadline has the
/// platform's own record of it (times, node, error) on their company space.
package struct DepositIncident: Codable, Sendable, Hashable {
    package var id: Int64?
    package let depositID: Int64
    package let recordedAt: Int64
    /// `serve --node-id` of the node that failed.
    package let node: String
    /// What the bidder was doing, e.g. « Envoi du morceau 3 du fichier 12 ».
    package let action: String
    /// The error, in the words of the part that failed (no French message exists for a fault).
    package let error: String

    /// The columns of `deposit_incidents`.
    enum CodingKeys: String, CodingKey {
        case id, node, action, error
        case depositID = "deposit_id"
        case recordedAt = "recorded_at"
    }

    package init(id: Int64? = nil, depositID: Int64, recordedAt: Int64, node: String, action: String, error: String) {
        self.id = id
        self.depositID = depositID
        self.recordedAt = recordedAt
        self.node = node
        self.action = action
        self.error = error
    }

    /// The error as the bidder reads it: which part failed, in French, then its own words (at most 400
    /// characters). The reflection, not the description: PostgreSQL's errors describe themselves only generically.
    static func describe(_ error: any Error) -> String {
        let detail = String(reflecting: error)
        let lower = detail.lowercased()
        let part =
            if lower.contains("no space left") || lower.contains("errno: 28") || lower.contains("enospc")
                || (lower.contains("nsposixerrordomain") && lower.contains("code=28"))
            {
                "Stockage des fichiers plein"
            } else if String(reflecting: type(of: error)).lowercased().contains("sql")
                || lower.contains("psqlerror") || lower.contains("connectionrequest")
            {
                "Base de données"
            } else {
                "Erreur interne"
            }
        return "\(part) : \(detail.prefix(400))"
    }

    /// What the bidder was doing, from the request's method and path under `/api/deposits/ID`.
    static func action(method: String, path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "deposits" else { return "\(method) \(path)" }
        let rest = Array(parts.dropFirst(3))
        switch (method, rest.count) {
        case ("GET", 0): return "Reprise du dépôt"
        case ("POST", 1) where rest[0] == "files": return "Annonce d'un fichier"
        case ("POST", 1) where rest[0] == "complete": return "Finalisation du dépôt"
        case ("PUT", 4) where rest[0] == "files" && rest[2] == "chunks":
            return "Envoi du morceau \(rest[3]) du fichier \(rest[1])"
        default: return "\(method) \(path)"
        }
    }
}
