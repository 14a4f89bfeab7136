import PlatformKernel
import SQLKit

/// The demonstration's citizens' requests: the administrator `admin` administers them and manages both
/// categories; "État civil" offers ``birthCertificate`` without an account, "Enfance" offers
/// ``schoolRegistration`` to household accounts with a proof of address and a season open today; one
/// letter template (``letterTemplate``); the household account ``citizenEmail`` (same password); and
/// ``afterSchoolCare``, paid online (25 €) through the configured provider (the walk's: the test page).
package enum RequestsDemoData {
    package static let birthCertificate = "Demande d'acte de naissance"
    package static let schoolRegistration = "Inscription scolaire"
    package static let proofOfAddress = "Justificatif de domicile"
    package static let letterTemplate = "Demande de pièce complémentaire"
    package static let citizenEmail = "citoyen@demo.invalid"
    /// A paying teleservice (issue 20, item 9): 25 € after filing, to the configured payment service.
    package static let afterSchoolCare = "Inscription à l'accueil périscolaire"
    package static let afterSchoolCareAmount: Int64 = 2_500

    /// Loads the requests' demo data unless the "État civil" category exists; returns whether it did.
    package static func load(administratorID: Int64, passwordHash: String, sql: any SQLDatabase) async throws -> Bool {
        let catalog = RequestCatalogRepository(sql: sql)
        if try await catalog.categories().contains(where: { $0.name == "État civil" }) { return false }
        let rights = RequestRightsRepository(sql: sql)
        try await rights.setAdministrator(administratorID, true)
        let civilStatus = try await catalog.addCategory(RequestCategory(name: "État civil"))
        let childhood = try await catalog.addCategory(RequestCategory(name: "Enfance"))
        for category in [civilStatus, childhood] {
            try await rights.set(.manage, of: administratorID, in: category.id ?? 0)
        }
        _ = try await catalog.addTeleservice(
            Teleservice(
                categoryID: civilStatus.id ?? 0, name: birthCertificate, online: true, requiresAccount: false,
                form: FormDefinition(fields: [
                    .init(key: "nomNaissance", label: "Nom de naissance", kind: .text, required: true),
                    .init(key: "prenoms", label: "Prénoms", kind: .text, required: true),
                    .init(key: "dateNaissance", label: "Date de naissance", kind: .date, required: true),
                ])))
        let school = try await catalog.addTeleservice(
            Teleservice(
                categoryID: childhood.id ?? 0, name: schoolRegistration, online: true, requiresAccount: true,
                form: FormDefinition(fields: [
                    .init(key: "ecole", label: "École souhaitée", kind: .text, required: true),
                    .init(key: "classe", label: "Classe", kind: .text, required: true),
                ]),
                requiredDocuments: [proofOfAddress]))
        let care = try await catalog.addTeleservice(
            Teleservice(
                categoryID: childhood.id ?? 0, name: afterSchoolCare, online: true, requiresAccount: true,
                form: FormDefinition(fields: [
                    .init(key: "ecole", label: "École", kind: .text, required: true),
                    .init(key: "jours", label: "Jours d'accueil", kind: .text, required: true),
                ])))
        try await PaymentRepository(sql: sql).save(
            TeleservicePayment(
                teleserviceID: care.id ?? 0, enabled: true, regie: "Régie périscolaire", amount: afterSchoolCareAmount),
            at: Timestamp.now())
        let today = CivilDate(parisTime: Timestamp.now())
        _ = try await catalog.addSeason(
            Season(
                teleserviceID: school.id ?? 0, name: "Année scolaire \(today.year)-\(today.year + 1)",
                registrationOpens: today.adding(days: -30), registrationCloses: today.adding(days: 365),
                validationFrom: today.adding(days: -30), start: today.adding(days: -30),
                end: today.adding(days: 400)))
        try await sql.insert(into: "request_letter_templates").columns("name", "body", "updated_at", "entity_id")
            .values(
                SQLBind(letterTemplate), SQLBind(letterBody), SQLBind(Timestamp.now()),
                SQLBind(try await RequestEntityRepository(sql: sql).defaultEntity())
            ).run()
        let household = try await HouseholdRepository(sql: sql).create(
            Household(
                state: .valid, email: citizenEmail, address: "3 rue des Écoles, 75005 Paris",
                members: [
                    HouseholdMember(role: .responsible, civility: .madame, lastName: "Bernard", firstName: "Sophie"),
                    HouseholdMember(
                        role: .child, civility: .monsieur, lastName: "Bernard", firstName: "Léo",
                        birthDate: CivilDate(2020, 5, 14)),
                ]))
        try await FrontOfficeRepository(sql: sql).createAccount(
            householdID: household.id ?? 0, email: citizenEmail, passwordHash: passwordHash, at: Timestamp.now())
        return true
    }

    package static let letterBody = """
        Madame, Monsieur ${nomDemandeur},

        Votre demande n° ${numeroDemande} (« ${libelleDemande} ») du ${dateCreation} est en cours d'instruction.
        Pour la compléter, nous vous remercions de nous faire parvenir la pièce suivante :

        ${observation}

        Le service des démarches, le ${date}.
        """
}
