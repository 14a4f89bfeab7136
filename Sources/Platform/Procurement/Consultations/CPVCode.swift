import Foundation
import PlatformKernel

/// A code of the Common Procurement Vocabulary (Regulation (EC) 213/2008): eight digits, optionally followed by
/// `-` and a check digit, as in `45210000-2`.
///
/// The check digit is kept but not verified: the Publications Office acknowledges that the published
/// algorithm does not reproduce the check digits of the 2008 list (OP-TED/ePO discussion 589), so no rule
/// can be applied reliably.
package struct CPVCode: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The eight digits.
    package let digits: String
    /// The check digit after `-`, when given.
    package let checkDigit: Int?

    /// Parses `NNNNNNNN` or `NNNNNNNN-N`; surrounding spaces are ignored.
    package init(_ text: String) throws(DomainError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let format =
            "Le code CPV doit compter 8 chiffres, suivis ou non d'un tiret et d'un chiffre de contrôle (ex. : 45210000-2)."
        guard (1...2).contains(parts.count), parts[0].count == 8, parts[0].allSatisfy(\.isASCIIDigit) else {
            throw .invalidField(field: "code CPV", reason: format)
        }
        if parts.count == 2 {
            guard parts[1].count == 1, let check = parts[1].first, check.isASCIIDigit else {
                throw .invalidField(field: "code CPV", reason: format)
            }
            checkDigit = check.wholeNumberValue
        } else {
            checkDigit = nil
        }
        digits = String(parts[0])
    }

    /// The first two digits: the division, which must match the category.
    package var division: Int { Int(digits.prefix(2)) ?? 0 }

    package var description: String { checkDigit.map { "\(digits)-\($0)" } ?? digits }

    /// Checks that the code belongs to a division the category allows.
    package func validate(for category: ProcurementCategory) throws(DomainError) {
        guard category.allows(division: division) else {
            throw .invalidField(
                field: "code CPV",
                reason:
                    "Le code CPV \(self) n'est pas cohérent avec la catégorie « \(category.label) » : choisissez un code \(category.allowedDivisionsText)."
            )
        }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(try container.decode(String.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    /// `0`–`9` only, unlike `isNumber` which also accepts other scripts' digits and fractions.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
