import Foundation
import Logging
import SQLKit

/// « Mon compte » of an agent (their coordinates, their password) and « Mot de passe oublié » (a one-time link
/// by mail). Seed 001, the account guide.
package struct AccountService: Sendable {
    package let database: Database
    package let hasher: PasswordHasher
    package var mailer: any Mailer = UnconfiguredMailer()
    package var sender = "ne-pas-repondre@sceau.invalid"
    /// The platform's address as agents reach it, for the link in the mail.
    package var origin = "http://127.0.0.1:8470"
    /// How long a « Mot de passe oublié » link works: one hour.
    package var resetLifetime: Int64 = 3600
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }
    package var logger = Logger(label: "sceau.platform.account")
    /// The alerts « Mes alertes électroniques » offers, declared by the libraries that send them.
    package var alertKinds: [AgentAlertKind] = []

    package init(database: Database, hasher: PasswordHasher) {
        self.database = database
        self.hasher = hasher
    }

    /// Saves the agent's own civilité, names and e-mail (the login and the rights stay the administrator's).
    package func changeCoordinates(
        of signedIn: SignedInAgent, civility: Civility, lastName: String, firstName: String, email: String
    ) async throws -> Agent {
        var agent = signedIn.agent
        agent.civility = civility
        agent.lastName = lastName
        agent.firstName = firstName
        agent.email = email
        try agent.validate()
        let saved = agent
        try await database.transaction { sql in
            try await AgentRepository(sql: sql).update(saved)
            try await Self.journal(.agentModified, of: saved, sql: sql, details: ["email": saved.email])
        }
        return saved
    }

    /// Changes the password after checking the current one, and closes the agent's other sessions.
    package func changePassword(
        of signedIn: SignedInAgent, current: String, new: String, confirmation: String
    ) async throws {
        guard let id = signedIn.agent.id else { throw DomainError.notFound(what: "Agent") }
        let stored = try await database.session { sql in
            try await AgentRepository(sql: sql).credentials(login: signedIn.agent.login)?.passwordHash
        }
        guard try await hasher.check(current, against: stored) else { throw AccountError.wrongCurrentPassword }
        let hash = try await checkedHash(new, confirmation: confirmation, current: current)
        try await database.transaction { sql in
            try await AgentRepository(sql: sql).setPasswordHash(hash, of: id)
            try await SessionRepository(sql: sql).closeAll(of: id, except: signedIn.sessionToken)
            try await Self.journal(.agentPasswordChanged, of: signedIn.agent, sql: sql)
        }
    }

    /// Mails a one-time link to the agent whose login or e-mail this is (at most one a minute). Says nothing of
    /// whether one exists: the page answers the same either way, and a mail that cannot leave is only logged.
    package func requestReset(loginOrEmail: String) async throws {
        let key = loginOrEmail.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else {
            throw DomainError.invalidField(field: "identifiant", reason: "Saisissez votre identifiant ou votre e-mail.")
        }
        let now = clock()
        let found: (Agent, String)? = try await database.transaction { sql in
            let agents = AgentRepository(sql: sql)
            var agent = try await agents.credentials(login: key)?.agent
            if agent == nil { agent = try await agents.find(email: key) }
            guard let agent, let id = agent.id else { return nil }
            let resets = PasswordResetRepository(sql: sql)
            guard try await !resets.hasLink(of: id, openedAfter: now - 60, lifetime: resetLifetime) else { return nil }
            let token = try await resets.open(agentID: id, lifetime: resetLifetime, at: now)
            try await Self.journal(.agentPasswordResetRequested, of: agent, sql: sql)
            return (agent, token)
        }
        guard let (agent, token) = found else { return }
        do {
            try await mailer.send(resetMail(to: agent, token: token))
        } catch {
            logger.error("The « Mot de passe oublié » mail to agent \(agent.id ?? 0) did not leave: \(error)")
        }
    }

    /// Whether the link still works (to show the form or say it expired).
    package func isValid(resetToken token: String) async throws -> Bool {
        let now = clock()
        return try await database.session { sql in
            try await PasswordResetRepository(sql: sql).agent(of: token, at: now) != nil
        }
    }

    /// Sets the new password through a link, spends the link and closes every session of the agent.
    package func reset(token: String, new: String, confirmation: String) async throws {
        let hash = try await checkedHash(new, confirmation: confirmation, current: nil)
        let now = clock()
        try await database.transaction { sql in
            let resets = PasswordResetRepository(sql: sql)
            guard let id = try await resets.agent(of: token, at: now),
                let agent = try await AgentRepository(sql: sql).find(id)
            else { throw AccountError.invalidLink }
            try await resets.use(token, at: now)
            try await AgentRepository(sql: sql).setPasswordHash(hash, of: id)
            try await SessionRepository(sql: sql).closeAll(of: id)
            try await Self.journal(.agentPasswordReset, of: agent, sql: sql)
        }
    }

    private func checkedHash(_ new: String, confirmation: String, current: String?) async throws -> String {
        do {
            try PasswordPolicy.check(new)
        } catch {
            throw DomainError.invalidField(
                field: "nouveau mot de passe",
                reason: "Entre \(PasswordPolicy.lengths.lowerBound) et \(PasswordPolicy.lengths.upperBound) caractères."
            )
        }
        guard new == confirmation else { throw AccountError.confirmationDiffers }
        if let current, new == current { throw AccountError.sameAsCurrent }
        return try await hasher.hash(new)
    }

    private func resetMail(to agent: Agent, token: String) -> MailMessage {
        let minutes = resetLifetime / 60
        return MailMessage(
            from: sender, to: agent.email, subject: "Sceau : choisir un nouveau mot de passe",
            body: """
                Bonjour,

                Une demande de nouveau mot de passe a été faite pour votre compte agent Sceau (identifiant \
                \(agent.login)). Pour choisir votre nouveau mot de passe, ouvrez ce lien dans les \(minutes) \
                minutes :

                \(origin)/connexion/nouveau-mot-de-passe?jeton=\(token)

                Le lien ne sert qu'une fois. Si vous n'avez rien demandé, ignorez ce message : votre mot de \
                passe actuel reste valable.
                """)
    }

    static func journal(
        _ action: JournalAction, of agent: Agent, sql: any SQLDatabase, details: [String: String] = [:]
    ) async throws {
        let path = try await OrganisationRepository(sql: sql).path(to: agent.organisationID)
        _ = try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .agent(agent.id ?? 0), entityID: path.entity.id, subject: .agent(agent.id ?? 0),
                action: action, details: details))
    }
}
