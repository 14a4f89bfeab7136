import PlatformKernel

/// The table of plis of the « Plis » tab (`opening/table`): each pli with its envelopes (a checkbox each, for
/// the grouped actions), their states and decrypted files, its admission (and the form that records it) and
/// its rank; then the ranking form and the procès-verbal's links.
package struct OpeningTable: Sendable {
    package let csrfToken: String
    package let mode: String
    package let byResponse: Bool
    package let count: String
    package let plis: [Pli]
    package let hasPlis: Bool
    package let hasApplications: Bool
    package let canRank: Bool
    package let rankingPath: String
    package let rankable: [RankField]
    package let ranking: [String]
    package let hasRanking: Bool
    package let minutesPath: String
    package let minutesPDFPath: String

    package struct Pli: Sendable {
        package let number: String
        package let depositID: String
        package let company: String
        package let hasDate: Bool
        package let date: String
        package let selectable: Bool
        package let envelopes: [Envelope]
        package let admission: Admission
        package let hasRank: Bool
        package let rank: String
    }

    package struct Envelope: Sendable {
        /// The checkbox's id, `enveloppe-<deposit>-<kind>`.
        package let id: String
        /// `<deposit>:<kind>`, what the script sends.
        package let value: String
        package let depositID: String
        package let kind: String
        package let label: String
        package let state: String
        package let stateCode: String
        package let stateTone: String
        package let selectable: Bool
        /// « Par réponse »: the candidature and offer of a pli check together.
        package let group: String
        package let hasGroup: Bool
        package let hint: String
        package let hasHint: Bool
        package let files: [DecryptedFile]
        package let hasFiles: Bool
    }

    package struct DecryptedFile: Sendable {
        package let name: String
        package let path: String
    }

    package struct Admission: Sendable {
        package let hasApplication: Bool
        package let decided: Bool
        package let label: String
        package let tone: String
        package let reason: String
        package let hasReason: Bool
        package let byWhom: String
        package let canDecide: Bool
        package let path: String
        package let depositID: String
        package let waiting: Bool
    }

    package struct RankField: Sendable {
        package let id: String
        package let name: String
        package let label: String
        package let value: String
    }

    package init(_ file: OpeningFile, csrfToken: String) {
        let id = file.consultation.id ?? 0
        let board = file.board
        let policy = file.policy
        self.csrfToken = csrfToken
        mode = OpeningMinutes.modeText(board.mode)
        byResponse = board.mode == .byResponse
        count = file.plis.count == 1 ? "1 pli déposé" : "\(file.plis.count) plis déposés"
        hasApplications = board.has(.application)
        plis = zip(board.plis, file.plis).map { pli, line in
            let envelopes = line.envelopes.map { envelope in
                Self.envelope(envelope, of: pli, policy: policy)
            }
            return Pli(
                number: String(pli.number), depositID: String(pli.depositID), company: pli.company,
                hasDate: line.completedAt != nil, date: line.completedAt.map(FrenchTime.text) ?? "",
                selectable: envelopes.contains(where: \.selectable), envelopes: envelopes,
                admission: Self.admission(pli, file: file, consultationID: id), hasRank: pli.rank != nil,
                rank: pli.rank.map { String($0) } ?? "")
        }
        hasPlis = !plis.isEmpty
        canRank = policy.mayRank
        rankingPath = "/consultations/\(id)/classement"
        rankable = policy.rankable.map { pli in
            RankField(
                id: "rang-\(pli.depositID)", name: "rang-\(pli.depositID)",
                label: "Pli n° \(pli.number) (\(pli.company))",
                value: pli.rank.map { String($0) } ?? "")
        }
        ranking = board.plis.filter { $0.rank != nil }.sorted { ($0.rank ?? 0) < ($1.rank ?? 0) }.map {
            "\($0.rank ?? 0). Pli n° \($0.number) (\($0.company))"
        }
        hasRanking = !ranking.isEmpty
        minutesPath = "/consultations/\(id)/proces-verbal"
        minutesPDFPath = "/consultations/\(id)/proces-verbal.pdf"
    }

    private static func envelope(
        _ line: RemoteJobService.EnvelopeLine, of pli: OpeningBoard.Pli, policy: OpeningPolicy
    ) -> Envelope {
        let kind = line.envelope
        let state = pli.state(kind) ?? .closed
        let reference = EnvelopeRef(depositID: pli.depositID, envelope: kind)
        let selectable = policy.mayOpen(reference, for: .download)
        var hint = ""
        if !selectable, state == .closed {
            switch kind {
            case .anonymity:
                hint = pli.isRankable ? "S'ouvre en dernier, après le classement." : "Pli non admis : reste fermée."
            case .offer:
                hint =
                    pli.admission == .rejected
                    ? "Pli non admis : l'offre reste fermée."
                    : "S'ouvre une fois toutes les candidatures ouvertes et examinées."
            case .application:
                hint = ""
            }
        }
        let files =
            state == .openedOnline
            ? line.files.filter { line.decrypted.contains($0.id ?? 0) }.map { file in
                DecryptedFile(
                    name: RemoteJobService.plaintextName(file.name),
                    path: "/api/deposits/\(pli.depositID)/files/\(file.id ?? 0)/plaintext")
            } : []
        let group = policy.board.mode == .byResponse && kind != .anonymity ? "pli-\(pli.depositID)" : ""
        return Envelope(
            id: "enveloppe-\(pli.depositID)-\(kind.rawValue)", value: "\(pli.depositID):\(kind.rawValue)",
            depositID: String(pli.depositID), kind: kind.rawValue, label: kind.label, state: state.label,
            stateCode: state.rawValue,
            stateTone: state == .closed ? "neutral" : "success", selectable: selectable,
            group: group, hasGroup: !group.isEmpty, hint: hint, hasHint: !hint.isEmpty, files: files,
            hasFiles: !files.isEmpty)
    }

    private static func admission(_ pli: OpeningBoard.Pli, file: OpeningFile, consultationID: Int64) -> Admission {
        let record = file.admission(of: pli.depositID)
        let decision = record?.admission
        return Admission(
            hasApplication: pli.state(.application) != nil, decided: decision != nil, label: decision?.label ?? "",
            tone: decision == .admitted ? "success" : "danger", reason: record?.reason ?? "",
            hasReason: !(record?.reason ?? "").isEmpty,
            byWhom: record.map { "\(file.agent($0.agentId)), le \(FrenchTime.text($0.decidedAt))" } ?? "",
            canDecide: file.policy.mayDecide(pli.depositID),
            path: "/consultations/\(consultationID)/plis/\(pli.depositID)/admission", depositID: String(pli.depositID),
            waiting: pli.state(.application) == .closed)
    }
}
