import Foundation
import PlatformKernel

/// A company that answers consultations ("entreprise"), identified by its SIRET.
package struct Company: Codable, Sendable, Equatable {
    package var id: Int64?
    /// "Raison sociale", 1 to 255 characters.
    package var name: String
    package var siret: SIRET
    package var address: String = ""

    package init(id: Int64? = nil, name: String, siret: SIRET, address: String = "") {
        self.id = id
        self.name = name
        self.siret = siret
        self.address = address
    }

    package func validate() throws(DomainError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard (1...255).contains(trimmed.count) else {
            throw .invalidField(
                field: "raison sociale", reason: "La raison sociale est obligatoire (255 caractères au plus).")
        }
    }
}

/// A person who signs in for a company and deposits its responses.
package struct Bidder: Codable, Sendable, Equatable {
    package var id: Int64?
    package var companyID: Int64
    package var civility: Civility
    package var lastName: String
    package var firstName: String
    package var email: String
    package var login: String

    package init(
        id: Int64? = nil, companyID: Int64, civility: Civility, lastName: String, firstName: String, email: String,
        login: String
    ) {
        self.id = id
        self.companyID = companyID
        self.civility = civility
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.login = login
    }

    /// The same rules as an agent's names, e-mail and login.
    package mutating func validate() throws(DomainError) {
        var asAgent = Agent(
            organisationID: 0, civility: civility, lastName: lastName, firstName: firstName, email: email, login: login)
        try asAgent.validate()
        lastName = asAgent.lastName
        firstName = asAgent.firstName
        email = asAgent.email
        login = asAgent.login
    }
}
