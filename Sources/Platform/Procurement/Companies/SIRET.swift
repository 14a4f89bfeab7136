import PlatformKernel

/// A SIRET number: 14 digits whose Luhn sum is a multiple of 10, except for La Poste's establishments
/// (SIREN 356 000 000), whose digit sum is a multiple of 5 (INSEE's published rule).
package struct SIRET: Codable, Sendable, Hashable, CustomStringConvertible {
    package let value: String

    package init(_ text: String) throws(DomainError) {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidField(field: "SIRET", reason: "Le SIRET compte 14 chiffres (SIREN puis NIC).")
        }
        let numbers = digits.compactMap(\.wholeNumberValue)
        let valid: Bool
        if digits.hasPrefix("356000000") {
            valid = numbers.reduce(0, +) % 5 == 0
        } else {
            var sum = 0
            for (index, digit) in numbers.reversed().enumerated() {
                let doubled = index % 2 == 1 ? digit * 2 : digit
                sum += doubled > 9 ? doubled - 9 : doubled
            }
            valid = sum % 10 == 0
        }
        guard valid else {
            throw .invalidField(
                field: "SIRET",
                reason: "Ce SIRET n'est pas valide (clé de contrôle) : vérifiez-le sur l'avis de situation INSEE.")
        }
        value = digits
    }

    /// The SIREN: the company's first nine digits.
    package var siren: String { String(value.prefix(9)) }
    package var description: String { value }
}
