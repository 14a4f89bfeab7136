import Foundation
import SQLKit

/// The entities' points (seed 000 §3.1): the platform's administrator credits an entity; each consultation put
/// online debits it once (``debitPublication(_:sql:at:)``, called by Procurement in the publication's
/// transaction); agents holding « Visualiser les points » read their entity's balance at D-1 and its statement,
/// and choose how often it is mailed. Every change is journaled.
///
/// An insufficient balance never blocks a publication: a consultation's deadlines are legal ones, so the debit
/// is recorded anyway and the balance turns negative (the seed shows « Solde : -1 points »); the points page
/// and « Espace agent » warn then.
package struct PointsService: Sendable {
    package let database: Database
    /// Whether an agent administers the whole platform (the one who credits); nobody unless the app says so.
    package var isPlatformAdministrator: @Sendable (Int64) async throws -> Bool = { _ in false }
    /// What a publication costs, shown on the page (the debit itself takes Procurement's tariff).
    package var tariff = PointsTariff()
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }

    package init(database: Database) {
        self.database = database
    }

    /// The most points one credit may add.
    package static let maximumCredit: Int64 = 1_000_000
    /// ``maximumCredit`` as the pages write it.
    package static let maximumCreditLabel = "1\u{202F}000\u{202F}000"

    // MARK: - Rights

    /// Refuses (403) an agent without « Visualiser les points »; every agent route checks it first.
    package func requireViewer(_ authority: AgentAuthority) throws(DomainError) {
        try Self.checkViewer(authority)
    }

    /// Refuses (403) an agent without « Visualiser les points ».
    package static func checkViewer(_ authority: AgentAuthority) throws(DomainError) {
        guard authority.managementRights.contains(.viewPoints) else {
            throw DomainError.forbidden(
                reason:
                    "Ce droit vous manque : « \(ManagementRight.viewPoints.label) ». Demandez-le à un administrateur.")
        }
    }

    /// Refuses (403) an agent who does not administer the platform.
    package func requireAdministrator(_ agentID: Int64) async throws {
        guard try await isPlatformAdministrator(agentID) else {
            throw DomainError.forbidden(
                reason: "Seul un administrateur de la plateforme crédite des points. Demandez-lui de le faire.")
        }
    }

    // MARK: - Reading

    /// The top-level entity of the agent's organisation: its ledger is the one they read.
    private static func entity(of authority: AgentAuthority, sql: any SQLDatabase) async throws -> Organisation {
        try await OrganisationRepository(sql: sql).path(to: authority.homeOrganisationID).entity
    }

    /// The agent's entity's balance at the end of yesterday (Paris time).
    package func dayBeforeBalance(for authority: AgentAuthority) async throws -> DayBeforeBalance {
        try requireViewer(authority)
        let cutoff = DayBeforeBalance.cutoff(at: clock())
        return try await database.session { sql in
            let entity = try await Self.entity(of: authority, sql: sql)
            let entries = try await PointsRepository(sql: sql).entries(of: entity.id ?? 0, before: cutoff)
            return DayBeforeBalance(cutoff: cutoff, balance: PointsLedger.balance(entries, before: cutoff))
        }
    }

    /// The agent's entity's statement over the last `months` complete months.
    package func statement(for authority: AgentAuthority, months: Int) async throws -> PointsStatement {
        try requireViewer(authority)
        let period = PointsPeriod.lastMonths(months, before: clock())
        return try await database.session { sql in
            let entity = try await Self.entity(of: authority, sql: sql)
            return try await Self.statement(of: entity, over: period, sql: sql)
        }
    }

    /// The statement of `entity` over `period`, its services named.
    package static func statement(of entity: Organisation, over period: PointsPeriod, sql: any SQLDatabase)
        async throws -> PointsStatement
    {
        let entityID = entity.id ?? 0
        let entries = try await PointsRepository(sql: sql).entries(of: entityID, before: period.end)
        var names: [Int64: String] = [:]
        func collect(_ tree: OrganisationTree) {
            if let id = tree.organisation.id { names[id] = tree.organisation.name }
            tree.services.forEach(collect)
        }
        collect(try await OrganisationTree.subtree(of: entity, OrganisationRepository(sql: sql)))
        return PointsLedger.statement(
            of: entries, over: period, entityID: entityID, entityName: entity.name, serviceNames: names)
    }

    /// How often the agent's entity receives its statement.
    package func frequency(for authority: AgentAuthority) async throws -> StatementFrequency {
        try requireViewer(authority)
        return try await database.session { sql in
            try await PointsRepository(sql: sql).frequency(of: try await Self.entity(of: authority, sql: sql).id ?? 0)
        }
    }

    // MARK: - Changes

    /// Chooses how often the agent's entity receives its statement; journaled.
    package func setFrequency(_ frequency: StatementFrequency, for authority: AgentAuthority) async throws {
        try requireViewer(authority)
        let now = clock()
        try await database.transaction { sql in
            let entityID = try await Self.entity(of: authority, sql: sql).id ?? 0
            try await PointsRepository(sql: sql).setFrequency(
                frequency, of: entityID, by: authority.agentID, at: now)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(authority.agentID), entityID: entityID, subject: .organisation(entityID),
                    action: .pointsStatementFrequencyChanged, details: ["frequency": frequency.rawValue]),
                at: now)
        }
    }

    /// Credits `amount` points (1 to ``maximumCredit``) to a top-level entity; the platform's administrator only.
    @discardableResult
    package func credit(_ amount: Int64, to entityID: Int64, label: String, by agentID: Int64) async throws
        -> PointsEntry
    {
        try await requireAdministrator(agentID)
        guard (1...Self.maximumCredit).contains(amount) else {
            throw DomainError.invalidField(
                field: "points", reason: "Saisissez un nombre entier de points entre 1 et \(Self.maximumCreditLabel).")
        }
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty else {
            throw DomainError.invalidField(
                field: "libelle", reason: "Saisissez un libellé, par exemple « Achat de 100 points, facture 2026-12 ».")
        }
        guard label.count <= 200 else {
            throw DomainError.invalidField(
                field: "libelle", reason: "Le libellé dépasse 200 caractères ; raccourcissez-le.")
        }
        let now = clock()
        return try await database.transaction { sql in
            guard let entity = try await OrganisationRepository(sql: sql).find(entityID), entity.parentID == nil else {
                throw DomainError.invalidField(
                    field: "collectivite", reason: "Choisissez une collectivité de la liste.")
            }
            guard
                let saved = try await PointsRepository(sql: sql).record(
                    PointsEntry(
                        entityID: entityID, kind: .credit, amount: amount, recordedAt: now, label: label,
                        recordedBy: agentID))
            else { throw DomainError.conflict(reason: "Le crédit n'a pas été enregistré : recommencez.") }
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), entityID: entityID, subject: .pointsEntry(saved.id ?? 0),
                    action: .pointsCredited, details: ["amount": String(amount), "label": label]),
                at: now)
            return saved
        }
    }

    /// Every top-level entity with its current balance, for the administrator's page.
    package func balances(for agentID: Int64) async throws -> [(entity: Organisation, balance: Int64)] {
        try await requireAdministrator(agentID)
        return try await database.session { sql in
            let balances = try await PointsRepository(sql: sql).balances()
            return try await OrganisationRepository(sql: sql).entities().map { ($0, balances[$0.id ?? 0] ?? 0) }
        }
    }

    /// What a publication is debited: the consultation, its service and entity, what it pays for and who put it
    /// online.
    package struct Publication: Sendable {
        package let consultationID: Int64
        package let reference: String
        package let entityID: Int64
        package let serviceID: Int64
        package let use: PointsUse
        package let agentID: Int64

        package init(
            consultationID: Int64, reference: String, entityID: Int64, serviceID: Int64, use: PointsUse,
            agentID: Int64
        ) {
            self.consultationID = consultationID
            self.reference = reference
            self.entityID = entityID
            self.serviceID = serviceID
            self.use = use
            self.agentID = agentID
        }
    }

    /// Debits the entity for a consultation put online, in the caller's transaction (`sql`), at most once per
    /// consultation: a second call records nothing and returns `nil`, as does a use costing 0 points. Never
    /// refused for an insufficient balance (see the type's comment); journaled with the balance after it.
    @discardableResult
    package static func debitPublication(
        _ publication: Publication, tariff: PointsTariff, sql: any SQLDatabase, at now: Int64
    ) async throws -> PointsEntry? {
        let cost = tariff.cost(of: publication.use)
        guard cost > 0 else { return nil }
        let repository = PointsRepository(sql: sql)
        guard
            let saved = try await repository.record(
                PointsEntry(
                    entityID: publication.entityID, kind: .debit, amount: cost, recordedAt: now,
                    label: "Mise en ligne de la consultation \(publication.reference)", use: publication.use,
                    consultationID: publication.consultationID, serviceID: publication.serviceID,
                    recordedBy: publication.agentID))
        else { return nil }
        let balance = PointsLedger.balance(try await repository.entries(of: publication.entityID), before: now + 1)
        _ = try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .agent(publication.agentID), entityID: publication.entityID,
                subject: .pointsEntry(saved.id ?? 0), action: .pointsDebited,
                details: [
                    "amount": String(cost), "consultation": String(publication.consultationID),
                    "use": publication.use.rawValue, "balance": String(balance),
                ]),
            at: now)
        return saved
    }
}

extension JournalSubject {
    package static func pointsEntry(_ id: Int64) -> JournalSubject { JournalSubject(kind: "points-entry", id: id) }
}

extension JournalAction {
    package static let pointsCredited: JournalAction = "points.credited"
    package static let pointsDebited: JournalAction = "points.debited"
    package static let pointsStatementFrequencyChanged: JournalAction = "points.statement-frequency-changed"
    package static let pointsStatementMailed: JournalAction = "points.statement-mailed"
}
