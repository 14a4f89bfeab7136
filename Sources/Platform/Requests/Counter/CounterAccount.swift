import PlatformKernel

/// A household account an agent opens at the counter: the responsible adult, the address, the e-mail the
/// activation link goes to, and the other members, one a line (`civilité ; prénom ; nom ; adulte|enfant[ ;
/// aaaa-mm-jj]`).
package struct CounterAccount: Sendable, Equatable {
    package var civility: Civility
    package var lastName: String
    package var firstName: String
    package var email: String
    package var address: String
    package var members: [HouseholdMember]

    package init(
        civility: Civility, lastName: String, firstName: String, email: String, address: String,
        members: [HouseholdMember] = []
    ) {
        self.civility = civility
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.address = address
        self.members = members
    }

    /// The field the members' lines are refused on.
    package static let membersField = "Autres membres du foyer"

    /// The other members from their lines; an empty line is skipped, a wrong one refused with its number.
    package static func members(_ text: String) throws(DomainError) -> [HouseholdMember] {
        var members: [HouseholdMember] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.contains(where: { !$0.isEmpty }) else { continue }
            let number = index + 1
            guard (4...5).contains(parts.count), let civility = Civility(rawValue: parts[0]) else {
                throw .invalidField(
                    field: membersField,
                    reason: "ligne \(number) : écrivez « civilité ; prénom ; nom ; adulte ou enfant ; date de "
                        + "naissance (aaaa-mm-jj, facultative) », la civilité M. ou Mme.")
            }
            let role: HouseholdMember.Role
            switch parts[3].lowercased() {
            case "adulte": role = .adult
            case "enfant": role = .child
            default:
                throw .invalidField(
                    field: membersField, reason: "ligne \(number) : le rôle est « adulte » ou « enfant ».")
            }
            var birthDate: CivilDate?
            if parts.count == 5, !parts[4].isEmpty {
                guard let date = CivilDate(iso: parts[4]) else {
                    throw .invalidField(
                        field: membersField, reason: "ligne \(number) : date de naissance au format aaaa-mm-jj.")
                }
                birthDate = date
            }
            guard !parts[1].isEmpty, !parts[2].isEmpty else {
                throw .invalidField(
                    field: membersField, reason: "ligne \(number) : le prénom et le nom sont obligatoires.")
            }
            members.append(
                HouseholdMember(
                    role: role, civility: civility, lastName: parts[2], firstName: parts[1], birthDate: birthDate))
        }
        return members
    }

    /// The household this account makes, of `entityID`, « Valide »: the agent saw the citizen.
    package func household(of entityID: Int64?) -> Household {
        Household(
            state: .valid, email: FrontOfficeRepository.normalised(email),
            address: address.trimmingCharacters(in: .whitespaces),
            members: [
                HouseholdMember(
                    role: .responsible, civility: civility, lastName: lastName.trimmingCharacters(in: .whitespaces),
                    firstName: firstName.trimmingCharacters(in: .whitespaces))
            ] + members, entityID: entityID)
    }
}
