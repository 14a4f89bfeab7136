import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Forms against their parameter lists, the lists' own rules, households' rules. Without storage.
struct FormAndHouseholdTests {
    private let diets = ParameterList(
        teleserviceID: 1, name: "Régimes", presentation: .checkboxTree,
        entries: [
            .init(key: "sans-viande", label: "Sans viande"),
            .init(key: "sans-porc", label: "Sans porc", parent: "sans-viande"),
        ])
    private let schools = ParameterList(
        teleserviceID: 1, name: "Écoles", presentation: .dropDown,
        entries: [.init(key: "parc", label: "École du Parc"), .init(key: "gare", label: "École de la Gare")])
    private let form = FormDefinition(fields: [
        .init(key: "ecole", label: "École souhaitée", kind: .parameters, required: true, list: "Écoles"),
        .init(key: "regime", label: "Régime alimentaire", kind: .parameters, list: "Régimes"),
        .init(key: "naissance", label: "Date de naissance", kind: .date),
        .init(key: "freres", label: "Frères et sœurs", kind: .number),
    ])

    @Test func dataIsCheckedAgainstTheFormAndItsLists() throws {
        let lists = [diets, schools]
        try form.check(["ecole": ["parc"], "regime": ["sans-viande", "sans-porc"]], lists: lists)
        try form.check(["ecole": ["gare"], "naissance": ["2022-02-03"], "freres": ["2"]], lists: lists)
        #expect(throws: DomainError.invalidField(field: "École souhaitée", reason: "ce champ est obligatoire.")) {
            try form.check(["regime": ["sans-porc"]], lists: lists)
        }
        #expect(throws: DomainError.invalidField(field: "École souhaitée", reason: "choisissez une seule valeur.")) {
            try form.check(["ecole": ["parc", "gare"]], lists: lists)
        }
        #expect(
            throws: DomainError.invalidField(
                field: "École souhaitée", reason: "choisissez parmi les valeurs proposées.")
        ) { try form.check(["ecole": ["lune"]], lists: lists) }
        #expect(throws: DomainError.self) {
            try form.check(["ecole": ["parc"], "naissance": ["03/02/2022"]], lists: lists)
        }
        #expect(throws: DomainError.self) { try form.check(["ecole": ["parc"], "freres": ["deux"]], lists: lists) }
        #expect(throws: DomainError.self) { try form.check(["ecole": ["parc"], "inconnu": ["x"]], lists: lists) }
    }

    @Test func parameterListsKeepKeysAndLabelsUnique() throws {
        try diets.validate()
        try schools.validate()
        var duplicate = schools
        duplicate.entries.append(.init(key: "parc2", label: "École du Parc"))
        #expect(throws: DomainError.self) { try duplicate.validate() }
        var nestedDropDown = schools
        nestedDropDown.entries.append(.init(key: "annexe", label: "Annexe", parent: "parc"))
        #expect(throws: DomainError.self) { try nestedDropDown.validate() }
        var orphan = diets
        orphan.entries.append(.init(key: "halal", label: "Halal", parent: "inconnu"))
        #expect(throws: DomainError.self) { try orphan.validate() }
        #expect(throws: DomainError.self) {
            try FormDefinition(fields: [.init(key: "a", label: "A", kind: .parameters)]).validate()
        }
    }

    @Test func aHouseholdHasOneResponsibleAdult() throws {
        let anne = HouseholdMember(role: .responsible, civility: .madame, lastName: "Legrand", firstName: "Anne")
        let leo = HouseholdMember(role: .child, civility: .monsieur, lastName: "Legrand", firstName: "Léo")
        let household = Household(email: "a@example.invalid", members: [anne, leo])
        try household.validate()
        #expect(household.responsible == anne)
        #expect(household.state == .inProgress && household.state.label == "En cours")
        #expect(household.status == .active && household.status.label == "Actif")
        #expect(Household.State.allCases.map(\.label) == ["En cours", "Valide", "Invalide", "Archivé"])
        #expect(throws: DomainError.self) { try Household(email: "a@example.invalid", members: [leo]).validate() }
        #expect(throws: DomainError.self) {
            try Household(email: "a@example.invalid", members: [anne, anne]).validate()
        }
    }
}
