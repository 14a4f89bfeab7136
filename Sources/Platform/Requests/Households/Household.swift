import PlatformKernel

/// A household account ("compte foyer"): a responsible adult and the members requests are made for.
package struct Household: Codable, Sendable, Equatable {
    /// "Etat du compte".
    package enum State: String, Codable, CaseIterable, Sendable {
        /// The creation or a change is not validated yet.
        case inProgress = "in-progress"
        case valid
        case invalid
        case archived

        package var label: String {
            switch self {
            case .inProgress: "En cours"
            case .valid: "Valide"
            case .invalid: "Invalide"
            case .archived: "Archivé"
            }
        }
    }

    /// "Status du compte".
    package enum Status: String, Codable, CaseIterable, Sendable {
        /// The citizen may use the account.
        case active
        /// The account is blocked.
        case inactive

        package var label: String {
            switch self {
            case .active: "Actif"
            case .inactive: "Inactif"
            }
        }
    }

    package var id: Int64?
    package var state: State = .inProgress
    package var status: Status = .active
    package var email: String
    package var address: String = ""
    package var members: [HouseholdMember]
    /// The public entity whose front office (or counter) the account was created on; the default entity
    /// when `nil` at creation.
    package var entityID: Int64?

    package init(
        id: Int64? = nil, state: State = .inProgress, status: Status = .active, email: String, address: String = "",
        members: [HouseholdMember], entityID: Int64? = nil
    ) {
        self.id = id
        self.entityID = entityID
        self.state = state
        self.status = status
        self.email = email
        self.address = address
        self.members = members
    }

    /// The responsible adult ("responsable du foyer").
    package var responsible: HouseholdMember? { members.first { $0.role == .responsible } }

    package func validate() throws(DomainError) {
        guard members.filter({ $0.role == .responsible }).count == 1 else {
            throw .invalidField(field: "Responsable du foyer", reason: "un foyer a un et un seul responsable.")
        }
        for member in members { try member.validate() }
    }
}

/// A person of a household.
package struct HouseholdMember: Codable, Sendable, Equatable {
    package enum Role: String, Codable, Sendable {
        case responsible
        case adult
        case child
    }

    package var id: Int64?
    package var role: Role
    package var civility: Civility
    package var lastName: String
    package var firstName: String
    package var birthDate: CivilDate?

    package init(
        id: Int64? = nil, role: Role, civility: Civility, lastName: String, firstName: String,
        birthDate: CivilDate? = nil
    ) {
        self.id = id
        self.role = role
        self.civility = civility
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
    }

    package var fullName: String { "\(firstName) \(lastName)" }

    package func validate() throws(DomainError) {
        guard !lastName.trimmingCharacters(in: .whitespaces).isEmpty,
            !firstName.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw .invalidField(field: "Membre du foyer", reason: "saisissez le nom et le prénom.") }
    }
}
