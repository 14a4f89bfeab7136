/// One line of the workstation configuration test, as the seed's screen shows it ("Prérequis / Résultat").
struct ConfigurationCheck: Codable, Sendable, Equatable {
    /// The prerequisite, e.g. "Accès au magasin de certificats".
    let name: String
    let ok: Bool
    /// What was found, e.g. "Magasin accessible (2 modules, 1 support)".
    let result: String
    /// What to do when the check failed.
    let remedy: String?
}

/// The outcome of the configuration test.
struct ConfigurationReport: Codable, Sendable, Equatable {
    let checks: [ConfigurationCheck]
    var ok: Bool { checks.allSatisfy(\.ok) }

    /// The conclusion shown under the table.
    var conclusion: String {
        ok
            ? "La configuration de votre poste utilisateur respecte les prérequis techniques de la plateforme."
            : "La configuration de votre poste ne permet pas encore d'utiliser la plateforme : suivez les remèdes indiqués."
    }

    private enum CodingKeys: String, CodingKey { case checks, ok, conclusion }

    init(checks: [ConfigurationCheck]) { self.checks = checks }

    init(from decoder: any Decoder) throws {
        checks = try decoder.container(keyedBy: CodingKeys.self).decode([ConfigurationCheck].self, forKey: .checks)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(checks, forKey: .checks)
        try container.encode(ok, forKey: .ok)
        try container.encode(conclusion, forKey: .conclusion)
    }

    /// A table for a terminal.
    var text: String {
        let width = (checks.map(\.name.count).max() ?? 0) + 2
        var lines = checks.map { check in
            let name = check.name.padding(toLength: width, withPad: " ", startingAt: 0)
            var line = "\(check.ok ? "OK" : "KO")  \(name)\(check.result)"
            if let remedy = check.remedy, !check.ok { line += "\n      → \(remedy)" }
            return line
        }
        lines.append("")
        lines.append(conclusion)
        return lines.joined(separator: "\n")
    }
}
