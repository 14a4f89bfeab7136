import Foundation

/// A company that answers consultations ("entreprise"), identified by its SIRET.
struct Company: Codable, Sendable, Equatable {
    var id: Int64?
    /// "Raison sociale", 1 to 255 characters.
    var name: String
    var siret: SIRET
    var address: String = ""

    func validate() throws(DomainError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard (1...255).contains(trimmed.count) else {
            throw .invalidField(
                field: "raison sociale", reason: "La raison sociale est obligatoire (255 caractères au plus).")
        }
    }
}

/// A person who signs in for a company and deposits its responses.
struct Bidder: Codable, Sendable, Equatable {
    var id: Int64?
    var companyID: Int64
    var civility: Civility
    var lastName: String
    var firstName: String
    var email: String
    var login: String

    /// The same rules as an agent's names, e-mail and login.
    mutating func validate() throws(DomainError) {
        var asAgent = Agent(
            organisationID: 0, civility: civility, lastName: lastName, firstName: firstName, email: email, login: login)
        try asAgent.validate()
        lastName = asAgent.lastName
        firstName = asAgent.firstName
        email = asAgent.email
        login = asAgent.login
    }
}
