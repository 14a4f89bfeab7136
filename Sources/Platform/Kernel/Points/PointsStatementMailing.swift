import Logging
import SQLKit

/// Mails each entity's statement at the frequency it chose (``StatementFrequency``): for every entity that
/// chose one, the last complete period before now is claimed in `points_statement_mailings` (one row per entity
/// and period: a period already claimed, here or on another node, is skipped), then mailed to every agent of the
/// entity's tree holding « Visualiser les points » with an e-mail address. When no mail could leave, the claim
/// is given up and the next run tries again; once one left, the period is never mailed again.
package struct PointsStatementMailing: Sendable {
    package let database: Database
    package let mailer: any Mailer
    package let sender: String
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }
    package var logger = Logger(label: "sceau-platform.points")

    package init(database: Database, mailer: any Mailer, sender: String) {
        self.database = database
        self.mailer = mailer
        self.sender = sender
    }

    package struct Report: Sendable, Equatable {
        package var statements = 0
        package var mailsSent = 0
        package var mailsFailed = 0

        package init(statements: Int = 0, mailsSent: Int = 0, mailsFailed: Int = 0) {
            self.statements = statements
            self.mailsSent = mailsSent
            self.mailsFailed = mailsFailed
        }
    }

    /// Mails the statements due at `clock()`.
    package func sendDue() async throws -> Report {
        let now = clock()
        var report = Report()
        let subscribed = try await database.session { sql in try await PointsRepository(sql: sql).subscribedEntities() }
        for (entityID, frequency) in subscribed {
            guard let period = frequency.lastCompletePeriod(before: now) else { continue }
            let claimed = try await database.session { sql in
                try await PointsRepository(sql: sql).claimMailing(
                    of: entityID, period: period, frequency: frequency, at: now)
            }
            guard claimed else { continue }
            // An entity that is gone keeps its claim (nothing to send); a failure gives it up and goes on with the
            // other entities, the next run retrying.
            let prepared: (statement: PointsStatement, recipients: [String])?
            do {
                prepared = try await database.session { sql in
                    guard let entity = try await OrganisationRepository(sql: sql).find(entityID) else { return nil }
                    return (
                        try await PointsService.statement(of: entity, over: period, sql: sql),
                        try await Self.recipients(of: entity, sql: sql)
                    )
                }
            } catch {
                logger.warning("Points statement of entity \(entityID) not prepared: \(error)")
                try? await database.session { sql in
                    try await PointsRepository(sql: sql).releaseMailing(of: entityID, period: period)
                }
                continue
            }
            guard let (statement, recipients) = prepared else { continue }
            var sent: [String] = []
            for address in recipients {
                do {
                    try await mailer.send(
                        MailMessage(
                            from: sender, to: address, subject: "Relevé de points \(statement.period.label)",
                            body: statement.text
                                + "\nVous recevez ce relevé \(frequency.label) ; changez la fréquence sur la page « Points » de votre collectivité.\n"
                        ))
                    sent.append(address)
                    report.mailsSent += 1
                } catch {
                    report.mailsFailed += 1
                    logger.warning("Points statement of entity \(entityID) not mailed to one agent: \(error)")
                }
            }
            if sent.isEmpty && !recipients.isEmpty {
                try await database.session { sql in
                    try await PointsRepository(sql: sql).releaseMailing(of: entityID, period: period)
                }
                continue
            }
            report.statements += 1
            let recipientCount = sent.count
            try await database.transaction { sql in
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .system, entityID: entityID, subject: .organisation(entityID),
                        action: .pointsStatementMailed,
                        details: [
                            "from": PointsCalendar.isoDay(period.start), "to": PointsCalendar.isoDay(period.end - 1),
                            "frequency": frequency.rawValue, "recipients": String(recipientCount),
                        ]),
                    at: now)
            }
        }
        return report
    }

    /// The e-mail addresses of the agents of the entity's tree holding « Visualiser les points ».
    static func recipients(of entity: Organisation, sql: any SQLDatabase) async throws -> [String] {
        var ids: [Int64] = []
        func collect(_ tree: OrganisationTree) {
            if let id = tree.organisation.id { ids.append(id) }
            tree.services.forEach(collect)
        }
        collect(try await OrganisationTree.subtree(of: entity, OrganisationRepository(sql: sql)))
        let agents = AgentRepository(sql: sql)
        var addresses: [String] = []
        for agent in try await agents.agents(in: ids) where !agent.email.isEmpty {
            if try await agents.authority(of: agent).managementRights.contains(.viewPoints) {
                addresses.append(agent.email)
            }
        }
        return Array(Set(addresses)).sorted()
    }
}
