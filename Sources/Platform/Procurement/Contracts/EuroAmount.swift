import PlatformKernel

/// An amount in euros excluding tax (« montant HT »), kept in cents: typed `125 000,50`, `125000.50` or `125000`.
package struct EuroAmount: Codable, Sendable, Hashable, Comparable {
    package let cents: Int64

    package init(cents: Int64) {
        self.cents = cents
    }

    /// Parses an amount in euros with at most two decimals; `field` names the refused field.
    package init(_ text: String, field: String) throws(DomainError) {
        let compact = text.filter { !$0.isWhitespace && $0 != "\u{202F}" && $0 != "\u{00A0}" && $0 != "€" }
        let format = "Saisissez un montant en euros hors taxes, par exemple 125 000,50."
        guard !compact.isEmpty else {
            throw .invalidField(field: field, reason: "Le montant est obligatoire. \(format)")
        }
        let parts = compact.replacingOccurrences(of: ",", with: ".").split(
            separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 13,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let units = Int64(parts[0])
        else { throw .invalidField(field: field, reason: format) }
        var cents: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), let decimals = Int64(parts[1]) else {
                throw .invalidField(field: field, reason: "Deux décimales au plus. \(format)")
            }
            cents = parts[1].count == 1 ? decimals * 10 : decimals
        }
        self.cents = units * 100 + cents
    }

    /// The amount as the essential data write it: a number with a dot and no needless decimals (`125000.5`).
    package var decimal: String {
        let units = cents / 100
        let rest = cents % 100
        if rest == 0 { return String(units) }
        return rest % 10 == 0 ? "\(units).\(rest / 10)" : "\(units).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// `125 000,50 €` as pages show it.
    package var french: String {
        let digits = String(cents / 100)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append("\u{202F}") }
            grouped.append(character)
        }
        let rest = cents % 100
        return "\(grouped),\(rest < 10 ? "0" : "")\(rest) €"
    }

    package static func < (lhs: EuroAmount, rhs: EuroAmount) -> Bool { lhs.cents < rhs.cents }
}
