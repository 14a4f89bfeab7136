/// A household account ("compte foyer"): a responsible adult and the members requests are made for.
struct Household: Codable, Sendable, Equatable {
    /// "Etat du compte".
    enum State: String, Codable, CaseIterable, Sendable {
        /// The creation or a change is not validated yet.
        case inProgress = "in-progress"
        case valid
        case invalid
        case archived

        var label: String {
            switch self {
            case .inProgress: "En cours"
            case .valid: "Valide"
            case .invalid: "Invalide"
            case .archived: "Archivé"
            }
        }
    }

    /// "Status du compte".
    enum Status: String, Codable, CaseIterable, Sendable {
        /// The citizen may use the account.
        case active
        /// The account is blocked.
        case inactive

        var label: String {
            switch self {
            case .active: "Actif"
            case .inactive: "Inactif"
            }
        }
    }

    var id: Int64?
    var state: State = .inProgress
    var status: Status = .active
    var email: String
    var address: String = ""
    var members: [HouseholdMember]

    /// The responsible adult ("responsable du foyer").
    var responsible: HouseholdMember? { members.first { $0.role == .responsible } }

    func validate() throws(DomainError) {
        guard members.filter({ $0.role == .responsible }).count == 1 else {
            throw .invalidField(field: "Responsable du foyer", reason: "un foyer a un et un seul responsable.")
        }
        for member in members { try member.validate() }
    }
}

/// A person of a household.
struct HouseholdMember: Codable, Sendable, Equatable {
    enum Role: String, Codable, Sendable {
        case responsible
        case adult
        case child
    }

    var id: Int64?
    var role: Role
    var civility: Civility
    var lastName: String
    var firstName: String
    var birthDate: CivilDate?

    var fullName: String { "\(firstName) \(lastName)" }

    func validate() throws(DomainError) {
        guard !lastName.trimmingCharacters(in: .whitespaces).isEmpty,
            !firstName.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw .invalidField(field: "Membre du foyer", reason: "saisissez le nom et le prénom.") }
    }
}
