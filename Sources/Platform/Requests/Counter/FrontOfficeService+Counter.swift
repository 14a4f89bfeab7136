import PlatformKernel
import SQLKit

/// Opening a household account at the counter: the account of the agent's entity, its activation link mailed.
extension FrontOfficeService {
    /// How long the activation link of an account opened at the counter stays valid: 7 days.
    package static let activationLifetime: Int64 = 7 * 86_400

    /// Creates the household, « Valide », of the agent's entity, with an account that has no password yet, and
    /// mails the citizen a one-time link (`link(token)`) to set it. The agent needs the « Modification » right on
    /// a category (403); an e-mail that already has an account is refused (409: the agent may say so). A mail
    /// that cannot be sent leaves the account created (the citizen may use « Mot de passe oublié »); the
    /// answer says whether it went.
    package func openAtCounter(_ account: CounterAccount, by agentID: Int64, link: @Sendable (String) -> String)
        async throws -> (household: Household, mailed: Bool)
    {
        let email = FrontOfficeRepository.normalised(account.email)
        try Self.checkEmail(email)
        guard !account.address.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DomainError.invalidField(field: "Adresse", reason: "saisissez l'adresse du foyer.")
        }
        // No one knows this password: the account opens with the activation link only.
        let unusable = try await hasher.hash(SessionToken.random())
        let token = SessionToken.random()
        let time = now()
        let household = try await database.transaction { sql -> Household in
            let rights = try await HouseholdService.requireAgent(agentID, .write, sql: sql)
            var entityID = rights.entityID
            if entityID == nil { entityID = try await RequestEntityRepository(sql: sql).defaultEntity() }
            let household = account.household(of: entityID)
            try household.validate()
            let repository = FrontOfficeRepository(sql: sql)
            guard try await !repository.emailTaken(email) else {
                throw DomainError.conflict(
                    reason: "Un compte foyer existe déjà pour l'adresse \(email) : recherchez-le plutôt.")
            }
            let saved = try await HouseholdRepository(sql: sql).create(household)
            let id = saved.id ?? 0
            try await repository.createAccount(householdID: id, email: email, passwordHash: unusable, at: time)
            try await repository.addReset(
                tokenHash: SessionToken.hash(token), householdID: id, expiresAt: time + Self.activationLifetime)
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), subject: JournalSubject(kind: "household", id: id),
                    action: .householdCreated, details: ["members": String(saved.members.count), "by": "counter"]))
            return saved
        }
        do {
            try await mailer.send(
                MailMessage(
                    from: sender, to: email, subject: "Sceau — activez votre compte foyer",
                    body: """
                        Bonjour,

                        Votre compte foyer n° \(household.id ?? 0) a été créé à l'accueil de la mairie.
                        Pour l'activer, choisissez votre mot de passe en ouvrant ce lien dans les 7 jours :

                        \(link(token))

                        Vous vous connecterez ensuite avec cette adresse e-mail et ce mot de passe. Le lien ne sert qu'une fois ;
                        passé ce délai, utilisez « Mot de passe oublié » sur la page de connexion.
                        """))
            return (household, true)
        } catch {
            return (household, false)
        }
    }
}
