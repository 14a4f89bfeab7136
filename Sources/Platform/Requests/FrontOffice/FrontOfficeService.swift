import Foundation
import Hummingbird
import PlatformKernel
import SQLKit

/// The citizens' front office: household accounts and their sessions, forgotten passwords, members,
/// drafts and their sweep, the document space. Filing and following requests go through
/// ``CitizenRequestService`` (its `+Citizen` use cases).
package struct FrontOfficeService: Sendable {
    package let database: Database
    package let hasher: PasswordHasher
    package var mailer: any Mailer = UnconfiguredMailer()
    package var settings = RequestSettings()
    /// The citizens' sessions' lifetime and idle timeout.
    package var sessions = SessionPolicy()
    /// Seconds a password-reset link is valid.
    package var resetLifetime: Int64 = 3600
    /// The `From` of the platform's e-mails.
    package var sender = "ne-pas-repondre@sceau.invalid"
    /// The clock, replaceable by tests of expiry.
    package var now: @Sendable () -> Int64 = { Timestamp.now() }
    /// Tells the agents of the filed requests (``AgentNotifier``); `nil`: no mail.
    package var agentNotifier: AgentNotifier?

    package init(
        database: Database, hasher: PasswordHasher, mailer: any Mailer = UnconfiguredMailer(),
        settings: RequestSettings = RequestSettings(), sessions: SessionPolicy = SessionPolicy(),
        resetLifetime: Int64 = 3600,
        sender: String = "ne-pas-repondre@sceau.invalid", now: @escaping @Sendable () -> Int64 = { Timestamp.now() },
        agentNotifier: AgentNotifier? = nil
    ) {
        self.database = database
        self.hasher = hasher
        self.mailer = mailer
        self.settings = settings
        self.sessions = sessions
        self.resetLifetime = resetLifetime
        self.sender = sender
        self.now = now
        self.agentNotifier = agentNotifier
    }

    /// The requests' use cases with the same database, settings, clock and agents' notifier.
    package var requests: CitizenRequestService {
        CitizenRequestService(database: database, settings: settings, now: now, notifier: agentNotifier)
    }

    // MARK: Accounts

    /// What the responsible adult types to create the household's account.
    package struct NewAccount: Sendable {
        package var civility: Civility
        package var lastName: String
        package var firstName: String
        package var email: String
        package var password: String
        package var address: String
        /// The entity whose front office the household registers on; the default entity when `nil` or unknown.
        package var entityID: Int64?

        package init(
            civility: Civility, lastName: String, firstName: String, email: String, password: String, address: String,
            entityID: Int64? = nil
        ) {
            self.entityID = entityID
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.email = email
            self.password = password
            self.address = address
        }
    }

    /// Creates the household ("en cours" until an agent validates it) with its responsible adult and the
    /// account to sign in with; the e-mail is unique. The pages register through ``register(_:signInLink:)``,
    /// which does not tell a known e-mail from a new one.
    package func createAccount(_ account: NewAccount) async throws -> Household {
        let (household, hash) = try await prepared(account)
        guard let saved = try await insert(household, passwordHash: hash) else {
            throw DomainError.conflict(
                reason:
                    "Un compte foyer existe déjà pour l'adresse \(household.email) : connectez-vous, ou demandez un nouveau mot de passe."
            )
        }
        return saved
    }

    /// Registration as the page does it: one answer for a new e-mail and for one that already has an account
    /// (no account enumeration). A new e-mail gets its household and a mail confirming it; a known one no second
    /// account, and its owner a mail saying someone tried to register the address. The mails go through the
    /// mailer when one is configured; without, registration still answers the same.
    /// The wrong fields are refused alike in both cases, before the e-mail is looked up.
    package func register(_ account: NewAccount, signInLink: String) async throws {
        let (household, hash) = try await prepared(account)
        let created = try await insert(household, passwordHash: hash) != nil
        let body =
            created
            ? """
            Bonjour,

            Votre compte foyer est créé. Connectez-vous avec cette adresse e-mail et le mot de passe que vous avez choisi :

            \(signInLink)

            La mairie validera votre foyer ; vous pouvez dès maintenant faire vos démarches.
            """
            : """
            Bonjour,

            Quelqu'un vient de demander la création d'un compte foyer avec cette adresse e-mail, qui a déjà un compte.
            Aucun autre compte n'a été créé. Si c'était vous, connectez-vous, ou demandez un nouveau mot de passe :

            \(signInLink)

            Si vous n'avez rien demandé, ignorez ce message : votre compte reste inchangé.
            """
        try? await mailer.send(
            MailMessage(
                from: sender, to: household.email,
                subject: created
                    ? "Sceau — votre compte foyer est créé" : "Sceau — tentative de création d'un compte foyer",
                body: body))
    }

    /// The checked household of a registration and the password's hash.
    private func prepared(_ account: NewAccount) async throws -> (Household, String) {
        let email = FrontOfficeRepository.normalised(account.email)
        try Self.checkEmail(email)
        do { try PasswordPolicy.check(account.password) } catch {
            throw DomainError.invalidField(field: "Mot de passe", reason: "entre 8 et 128 caractères.")
        }
        guard !account.address.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DomainError.invalidField(field: "Adresse", reason: "saisissez l'adresse du foyer.")
        }
        var entityID = account.entityID
        if let named = entityID {
            entityID = try await database.session { sql in
                try await RequestEntityRepository(sql: sql).isEntity(named) ? named : nil
            }
        }
        let household = Household(
            email: email, address: account.address.trimmingCharacters(in: .whitespaces),
            members: [
                HouseholdMember(
                    role: .responsible, civility: account.civility,
                    lastName: account.lastName.trimmingCharacters(in: .whitespaces),
                    firstName: account.firstName.trimmingCharacters(in: .whitespaces))
            ], entityID: entityID)
        try household.validate()
        return (household, try await hasher.hash(account.password))
    }

    /// Stores the household and its account; `nil` when the e-mail already has one.
    private func insert(_ household: Household, passwordHash hash: String) async throws -> Household? {
        let email = household.email
        let time = now()
        return try await database.transaction { sql -> Household? in
            let repository = FrontOfficeRepository(sql: sql)
            guard try await !repository.emailTaken(email) else { return nil }
            let saved = try await HouseholdRepository(sql: sql).create(household)
            let id = saved.id ?? 0
            try await repository.createAccount(householdID: id, email: email, passwordHash: hash, at: time)
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "household", id: id), action: .householdCreated,
                    details: ["members": "1", "by": "citizen"]))
            return saved
        }
    }

    package static func checkEmail(_ email: String) throws(DomainError) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: \.isWhitespace),
            email.count <= 254
        else { throw .invalidField(field: "E-mail", reason: "saisissez une adresse e-mail valide.") }
    }

    /// Checks the password and opens a session; one answer for an unknown e-mail and a wrong password.
    package func signIn(email: String, password: String) async throws -> SignedInCitizen {
        let found = try await database.session { sql in
            try await FrontOfficeRepository(sql: sql).credentials(email: email)
        }
        guard try await hasher.check(password, against: found?.passwordHash), let found else {
            throw FrontOfficeService.refused
        }
        let time = now()
        let sessions = sessions
        return try await database.transaction { sql in
            guard let household = try await HouseholdRepository(sql: sql).find(found.householdID),
                household.status == .active
            else { throw DomainError.forbidden(reason: "Ce compte foyer est désactivé : contactez la mairie.") }
            let (token, csrf) = try await FrontOfficeRepository(sql: sql).openSession(
                householdID: found.householdID, policy: sessions, at: time)
            return SignedInCitizen(household: household, csrfToken: csrf, sessionToken: token)
        }
    }

    /// The household behind a session cookie, if the session is live and the account active.
    package func signedIn(token: String) async throws -> SignedInCitizen? {
        let time = now()
        let sessions = sessions
        return try await database.session { sql in
            guard
                let session = try await FrontOfficeRepository(sql: sql).session(
                    token: token, policy: sessions, at: time),
                let household = try await HouseholdRepository(sql: sql).find(session.householdID),
                household.status == .active
            else { return nil }
            return SignedInCitizen(
                household: household, csrfToken: session.csrfToken, sessionToken: token,
                idleTimeout: sessions.idleTimeout)
        }
    }

    package func signOut(token: String) async throws {
        try await database.session { sql in try await FrontOfficeRepository(sql: sql).closeSession(token: token) }
    }

    // MARK: Forgotten password

    /// Sends a one-time link to set a new password, valid `resetLifetime`, when an account has this
    /// e-mail; says nothing either way (no account enumeration). `link` builds the page's address from the token.
    package func requestPasswordReset(email: String, link: @Sendable (String) -> String) async throws {
        let time = now()
        let expiry = time + resetLifetime
        let token = SessionToken.random()
        let householdID = try await database.transaction { sql -> Int64? in
            let repository = FrontOfficeRepository(sql: sql)
            guard let found = try await repository.credentials(email: email) else { return nil }
            try await repository.addReset(
                tokenHash: SessionToken.hash(token), householdID: found.householdID, expiresAt: expiry)
            return found.householdID
        }
        guard householdID != nil else { return }
        try await mailer.send(
            MailMessage(
                from: sender, to: FrontOfficeRepository.normalised(email),
                subject: "Sceau — nouveau mot de passe de votre compte foyer",
                body: """
                    Bonjour,

                    Une demande de nouveau mot de passe a été faite pour votre compte foyer.
                    Pour choisir votre nouveau mot de passe, ouvrez ce lien dans l'heure :

                    \(link(token))

                    Le lien ne sert qu'une fois. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.
                    """))
    }

    /// Whether a reset link can still be used (the page asking for the new password checks it first).
    package func resetIsLive(token: String) async throws -> Bool {
        let time = now()
        return try await database.session { sql in
            try await FrontOfficeRepository(sql: sql).resetIsLive(tokenHash: SessionToken.hash(token), at: time)
        }
    }

    /// Sets the new password with a one-time token; closes the household's sessions.
    package func resetPassword(token: String, newPassword: String) async throws {
        do { try PasswordPolicy.check(newPassword) } catch {
            throw DomainError.invalidField(field: "Mot de passe", reason: "entre 8 et 128 caractères.")
        }
        let hash = try await hasher.hash(newPassword)
        let time = now()
        try await database.transaction { sql in
            let repository = FrontOfficeRepository(sql: sql)
            guard let householdID = try await repository.consumeReset(tokenHash: SessionToken.hash(token), at: time)
            else {
                throw DomainError.invalidField(
                    field: "Lien", reason: "ce lien a expiré ou a déjà servi : demandez-en un nouveau.")
            }
            try await repository.setPassword(householdID: householdID, passwordHash: hash)
            try await repository.closeSessions(of: householdID)
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "household", id: householdID),
                    action: .householdPasswordReset, details: [:]))
        }
    }

    // MARK: Members

    package func household(_ id: Int64) async throws -> Household {
        try await database.session { sql in
            guard let household = try await HouseholdRepository(sql: sql).find(id) else {
                throw DomainError.notFound(what: "Compte foyer")
            }
            return household
        }
    }

    /// Adds a member (an adult or a child) to the household.
    package func addMember(_ member: HouseholdMember, to householdID: Int64) async throws -> HouseholdMember {
        var member = member
        member.id = nil
        if member.role == .responsible { member.role = .adult }
        try member.validate()
        let added = member
        return try await database.transaction { sql in
            let saved = try await FrontOfficeRepository(sql: sql).addMember(added, to: householdID)
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "household", id: householdID),
                    action: .householdMemberChanged, details: ["member": String(saved.id ?? 0), "change": "added"]))
            return saved
        }
    }

    /// Changes a member's civilité, names and birth date; the responsible adult stays responsible.
    package func updateMember(_ member: HouseholdMember, of householdID: Int64) async throws {
        try member.validate()
        try await database.transaction { sql in
            guard let household = try await HouseholdRepository(sql: sql).find(householdID),
                let current = household.members.first(where: { $0.id == member.id })
            else { throw DomainError.notFound(what: "Membre du foyer") }
            var changed = member
            changed.role =
                current.role == .responsible ? .responsible : (member.role == .responsible ? .adult : member.role)
            try await FrontOfficeRepository(sql: sql).updateMember(changed, of: householdID)
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "household", id: householdID),
                    action: .householdMemberChanged, details: ["member": String(member.id ?? 0), "change": "modified"]))
        }
    }

    // MARK: Requests

    /// "Mes demandes": the household's requests, newest first.
    package func requests(of householdID: Int64) async throws -> [CitizenRequest] {
        try await database.session { sql in
            try await CitizenRequestRepository(sql: sql).search(
                RequestSearch(householdID: householdID, limit: RequestSearch.maximumLimit), in: nil)
        }
    }

    /// The entity a front office page shows: the household's when signed in, else the one named (when it is a
    /// top-level entity), else the default entity (see `Entities/`).
    package func frontOfficeEntity(named entityID: Int64?, household: Int64?) async throws -> Int64? {
        try await database.session { sql in
            let entities = RequestEntityRepository(sql: sql)
            if let household, let owner = try await entities.entity(ofHousehold: household) { return owner }
            if let entityID, try await entities.isEntity(entityID) { return entityID }
            return try await entities.defaultEntity()
        }
    }

    /// The online teleservices of an entity by category, for `/demarches`.
    package func onlineCatalog(of entityID: Int64?) async throws
        -> [(category: RequestCategory, teleservices: [Teleservice])]
    {
        try await database.session { sql in
            let catalog = RequestCatalogRepository(sql: sql)
            let online = try await catalog.teleservices().filter(\.online)
            guard let entityID else { return [] }
            return try await catalog.categories(of: entityID).compactMap { category in
                let own = online.filter { $0.categoryID == category.id }
                return own.isEmpty ? nil : (category, own)
            }
        }
    }

    /// An online teleservice with its parameter lists, for its form; another entity's than the signed-in
    /// household's does not exist for it (404).
    package func onlineTeleservice(_ id: Int64, household: Int64? = nil) async throws -> (Teleservice, [ParameterList])
    {
        try await database.session { sql in
            let catalog = RequestCatalogRepository(sql: sql)
            guard let teleservice = try await catalog.teleservice(id), teleservice.online else {
                throw DomainError.notFound(what: "Démarche")
            }
            if let household {
                let entities = RequestEntityRepository(sql: sql)
                let owner = try await entities.entity(ofCategory: teleservice.categoryID)
                let own = try await entities.entity(ofHousehold: household)
                if let owner, let own, owner != own { throw DomainError.notFound(what: "Démarche") }
            }
            return (teleservice, try await catalog.lists(of: id))
        }
    }

    /// The seasons of the teleservice whose registrations are open today (Paris).
    package func openSeasons(of teleserviceID: Int64) async throws -> [Season] {
        let today = CivilDate(parisTime: now())
        return try await database.session { sql in
            try await RequestCatalogRepository(sql: sql).seasons(of: teleserviceID).filter {
                $0.acceptsRegistrations(on: today)
            }
        }
    }

    // MARK: Drafts

    /// Saves the form as a draft (a new one, or `draftID` of the household), kept `draftLifetime` from now.
    package func saveDraft(
        _ draftID: Int64?, teleservice teleserviceID: Int64, subject subjectID: Int64?, data: [String: [String]],
        household householdID: Int64
    ) async throws -> RequestDraft {
        let time = now()
        let lifetime = settings.draftLifetime
        return try await database.transaction { sql in
            let repository = FrontOfficeRepository(sql: sql)
            if let draftID {
                guard let existing = try await repository.draft(draftID), existing.householdID == householdID else {
                    throw DomainError.notFound(what: "Brouillon")
                }
            }
            return try await repository.saveDraft(
                RequestDraft(
                    id: draftID, householdID: householdID, teleserviceID: teleserviceID, subjectID: subjectID,
                    data: data, updatedAt: time, expiresAt: time + lifetime, noticeSentAt: nil))
        }
    }

    package func drafts(of householdID: Int64) async throws -> [RequestDraft] {
        try await database.session { sql in try await FrontOfficeRepository(sql: sql).drafts(of: householdID) }
    }

    package func draft(_ id: Int64, household householdID: Int64) async throws -> RequestDraft {
        try await database.session { sql in
            guard let draft = try await FrontOfficeRepository(sql: sql).draft(id), draft.householdID == householdID
            else { throw DomainError.notFound(what: "Brouillon") }
            return draft
        }
    }

    package func deleteDraft(_ id: Int64, household householdID: Int64) async throws {
        try await database.transaction { sql in
            let repository = FrontOfficeRepository(sql: sql)
            guard let draft = try await repository.draft(id), draft.householdID == householdID else {
                throw DomainError.notFound(what: "Brouillon")
            }
            try await repository.deleteDraft(id)
        }
    }

    /// What one sweep did.
    package struct SweepReport: Sendable, Equatable {
        package var noticesSent = 0
        package var deleted = 0
        package var failedNotices = 0
    }

    /// Deletes the expired drafts whose household was told, and tells the households of the drafts expiring
    /// within `draftNoticeDays`. A draft never deleted without notice: one found expired before its notice
    /// went out gets the notice and `draftNoticeDays` more. A notice that fails is tried again at the next sweep.
    package func sweepDrafts() async throws -> SweepReport {
        let time = now()
        let noticeSeconds = settings.draftNoticeDays * 86_400
        let candidates = try await database.session { sql in
            try await FrontOfficeRepository(sql: sql).draftsExpiring(before: time + noticeSeconds)
        }
        var report = SweepReport()
        for draft in candidates {
            let id = draft.id ?? 0
            if draft.noticeSentAt != nil {
                if draft.expiresAt <= time {
                    try await database.transaction { sql in try await FrontOfficeRepository(sql: sql).deleteDraft(id) }
                    report.deleted += 1
                }
                continue
            }
            // A notice that comes after the draft's time (the sweep or the relay was down) gives the notice period.
            let deletion = draft.expiresAt <= time ? time + noticeSeconds : draft.expiresAt
            let (email, name) = try await database.session { sql in
                let email = try await FrontOfficeRepository(sql: sql).email(of: draft.householdID)
                let teleservice = try await RequestCatalogRepository(sql: sql).teleservice(draft.teleserviceID)
                return (email, teleservice?.name ?? "")
            }
            guard let email else { continue }
            do {
                try await mailer.send(
                    MailMessage(
                        from: sender, to: email, subject: "Sceau — votre brouillon « \(name) » va être supprimé",
                        body: """
                            Bonjour,

                            Votre brouillon de demande « \(name) » sera supprimé le \(FrenchTime.text(deletion)) (heure de Paris).
                            Pour le garder, ouvrez-le depuis votre espace citoyen et déposez la demande ou enregistrez-le à nouveau.
                            """))
            } catch {
                report.failedNotices += 1
                continue
            }
            var noticed = draft
            noticed.noticeSentAt = time
            noticed.expiresAt = deletion
            let saved = noticed
            _ = try await database.transaction { sql in try await FrontOfficeRepository(sql: sql).saveDraft(saved) }
            report.noticesSent += 1
        }
        return report
    }

    // MARK: Documents

    /// The largest document a citizen may upload.
    package static let maximumDocumentSize = 10 << 20

    /// Deletes a document of the household's space: refused while an open request uses it.
    package func deleteDocument(_ documentID: Int64, household householdID: Int64) async throws {
        try await database.transaction { sql in
            guard let document = try await HouseholdRepository(sql: sql).document(documentID),
                document.householdID == householdID
            else { throw DomainError.notFound(what: "Document") }
            let repository = FrontOfficeRepository(sql: sql)
            let open = try await repository.openRequestsUsing(document: documentID)
            guard open.isEmpty else {
                throw DomainError.conflict(
                    reason:
                        "Ce document est joint à une demande en cours (\(open.joined(separator: ", "))) : il ne peut pas être supprimé."
                )
            }
            try await repository.deleteDocument(documentID)
        }
    }
}

extension FrontOfficeService {
    /// The refused sign-in: the same answer for an unknown e-mail and a wrong password.
    package static let refused = HTTPError(.unauthorized, message: "E-mail ou mot de passe incorrect.")
}

extension JournalAction {
    package static let householdPasswordReset: JournalAction = "household.password-reset"
    package static let householdMemberChanged: JournalAction = "household.member-changed"
}
