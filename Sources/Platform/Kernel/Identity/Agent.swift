/// A public agent's account: who they are and the organisation they belong to.
package struct Agent: Codable, Sendable, Equatable {
    /// Assigned by the store; `nil` before the agent is saved.
    package var id: Int64?
    package var organisationID: Int64
    package var civility: Civility
    package var lastName: String
    package var firstName: String
    /// Unique across the whole platform, compared without regard to case.
    package var email: String
    /// The identifier typed at login; unique across the platform.
    package var login: String

    package init(
        id: Int64? = nil, organisationID: Int64, civility: Civility, lastName: String, firstName: String, email: String,
        login: String
    ) {
        self.id = id
        self.organisationID = organisationID
        self.civility = civility
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.login = login
    }

    package static let maximumNameLength = 100

    /// Checks the rules that hold whatever the storage, and normalises the e-mail to lower case.
    package mutating func validate() throws(DomainError) {
        lastName = lastName.trimmingCharacters(in: .whitespaces)
        firstName = firstName.trimmingCharacters(in: .whitespaces)
        email = email.trimmingCharacters(in: .whitespaces).lowercased()
        login = login.trimmingCharacters(in: .whitespaces)
        try Self.checkName(lastName, field: "nom")
        try Self.checkName(firstName, field: "prénom")
        try EmailAddress.check(email)
        try Self.checkLogin(login)
    }

    private static func checkName(_ name: String, field: String) throws(DomainError) {
        guard !name.isEmpty else { throw .invalidField(field: field, reason: "Ce champ est obligatoire.") }
        guard name.count <= maximumNameLength else {
            throw .invalidField(field: field, reason: "\(maximumNameLength) caractères au plus.")
        }
    }

    private static func checkLogin(_ login: String) throws(DomainError) {
        let allowed = login.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "._-@".unicodeScalars.contains($0)
        }
        guard (3...64).contains(login.count), allowed else {
            throw .invalidField(
                field: "identifiant",
                reason: "De 3 à 64 caractères : lettres sans accent, chiffres, point, tiret, tiret bas ou @.")
        }
    }
}

/// The e-mail address rule: one `@`, a non-empty local part, a domain with a dot, no spaces.
package enum EmailAddress {
    package static func check(_ address: String) throws(DomainError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !address.contains(where: \.isWhitespace) && address.count <= 254
        guard valid else {
            throw .invalidField(
                field: "e-mail", reason: "Adresse électronique invalide (exemple : nom@collectivite.fr).")
        }
    }
}
