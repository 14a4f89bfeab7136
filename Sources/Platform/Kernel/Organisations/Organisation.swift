import Foundation

/// A public entity or one of its services, at any depth of the tree ("sous collectivité").
package struct Organisation: Codable, Sendable, Equatable {
    /// Assigned by the store; `nil` before the organisation is saved.
    package var id: Int64?
    /// The entity or service this one belongs to; `nil` for a top-level public entity.
    package var parentID: Int64?
    package var name: String
    package var address: String = ""
    package var phone: String = ""
    package var fax: String = ""
    package let type: OrganisationType

    package init(
        id: Int64? = nil, parentID: Int64? = nil, name: String, address: String = "", phone: String = "",
        fax: String = "", type: OrganisationType
    ) {
        self.id = id
        self.parentID = parentID
        self.name = name
        self.address = address
        self.phone = phone
        self.fax = fax
        self.type = type
    }

    /// The longest name the platform accepts (seed: "dans la limite de 255 caractères").
    package static let maximumNameLength = 255

    /// Checks the rules that hold whatever the storage.
    package func validate() throws(DomainError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalidField(field: "nom", reason: "Le nom est obligatoire.") }
        guard name.count <= Self.maximumNameLength else {
            throw .invalidField(
                field: "nom", reason: "Le nom ne doit pas dépasser \(Self.maximumNameLength) caractères.")
        }
    }
}
