import Foundation

/// Amounts in euro cents: stored, compared and sent to the payment service as whole cents (PayFiP's
/// `montant`), shown and typed in French (`12,50 €`).
package enum PaymentAmount {
    /// `1250` → `12,50 €`.
    package static func text(_ cents: Int64) -> String {
        let euros = cents / 100
        let rest = cents % 100
        var grouped = ""
        for (index, digit) in String(euros).reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append("\u{202F}") }
            grouped.append(digit)
        }
        return String(grouped.reversed()) + "," + (rest < 10 ? "0" : "") + String(rest) + "\u{00A0}€"
    }

    /// Reads `12`, `12,5`, `12,50`, `12.50` or `12,50 €` as cents; `nil` for anything else, a negative amount
    /// or more than two decimals.
    package static func cents(_ text: String) -> Int64? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("€") { value = String(value.dropLast()).trimmingCharacters(in: .whitespaces) }
        value = value.replacingOccurrences(of: ",", with: ".")
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 7,
            whole.allSatisfy(\.isASCIIDigit), let euros = Int64(whole)
        else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isASCIIDigit) else { return nil }
            cents = Int64(decimals.count == 1 ? decimals + "0" : String(decimals)) ?? 0
        }
        return euros * 100 + cents
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
