/// The rule for agents' and companies' passwords. The 2004 seed asked for 5 to 10 characters; today's
/// guidance (ANSSI, NIST SP 800-63B) asks for length rather than a short cap, so Sceau takes 8 to 128.
package enum PasswordPolicy {
    package static let lengths = 8...128

    package static func check(_ password: String) throws(DomainError) {
        guard lengths.contains(password.count) else {
            throw .invalidField(
                field: "mot de passe",
                reason: "Entre \(lengths.lowerBound) et \(lengths.upperBound) caractères.")
        }
    }
}
