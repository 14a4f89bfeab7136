import PlatformKernel

/// The buyer's reference of a consultation: 5 to 32 characters, each an ASCII letter, a digit, `/`, `_` or `-`
/// (seed 003: "Entre 5 et 32 caractères alphanumériques ou "/" ou "_". Les espaces ne sont pas autorisés.";
/// the seed's own references, `AOR-C-0611` or `TEST-2021-03`, carry hyphens, so `-` is accepted too).
///
/// Accented letters, spaces and other punctuation are refused: the reference travels in URLs, file names and
/// the headless deposit command line, where `-` is as safe as `_`.
/// References are unique on the whole platform, ignoring case (see ``key``).
package struct ConsultationReference: Codable, Sendable, Hashable, CustomStringConvertible {
    package let value: String

    package static let minimumLength = 5
    package static let maximumLength = 32

    /// Checks `value` against the rule; the error says which characters or length to fix.
    package init(_ value: String) throws(DomainError) {
        let field = "référence"
        guard !value.isEmpty else { throw .invalidField(field: field, reason: "La référence est obligatoire.") }
        if let bad = value.first(where: { !Self.isAllowed($0) }) {
            let shown = bad == " " ? "les espaces" : "le caractère « \(bad) »"
            throw .invalidField(
                field: field,
                reason:
                    "La référence n'accepte pas \(shown) : utilisez des lettres sans accent, des chiffres, « / », « _ » ou « - »."
            )
        }
        guard (Self.minimumLength...Self.maximumLength).contains(value.count) else {
            throw .invalidField(
                field: field,
                reason:
                    "La référence doit compter entre \(Self.minimumLength) et \(Self.maximumLength) caractères (elle en a \(value.count))."
            )
        }
        self.value = value
    }

    /// The form under which uniqueness is checked: `ab_12` and `AB_12` are the same reference.
    package var key: String { value.uppercased() }

    package var description: String { value }

    private static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII, let ascii = character.asciiValue else { return false }
        return character.isLetter || character.isNumber || ascii == UInt8(ascii: "/") || ascii == UInt8(ascii: "_")
            || ascii == UInt8(ascii: "-")
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(try container.decode(String.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
