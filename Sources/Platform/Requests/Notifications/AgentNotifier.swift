import Logging
import PlatformKernel
import SQLKit

/// Mails the agents of the requests' back office through the platform's ``Mailer``: each new request to
/// every agent who reads its category (request administrators included), and the quality-of-service
/// alerts, per each agent's choice (``AgentNotifications``). A mail that fails is logged and the others go
/// on: it never fails the citizen's filing.
package struct AgentNotifier: Sendable {
    package let database: Database
    package var mailer: any Mailer = UnconfiguredMailer()
    /// The `From` of the mails.
    package var sender = "ne-pas-repondre@sceau.invalid"
    /// The platform's public origin, for the links to the requests; the application sets it from its
    /// configuration.
    package var origin = "http://127.0.0.1:8470"
    /// The platform's quality of service, for the teleservices without their own.
    package var settings = RequestSettings()
    /// The clock, replaceable by tests of the alerts.
    package var now: @Sendable () -> Int64 = { Timestamp.now() }
    package var logger = Logger(label: "sceau-platform.notifications")

    package init(
        database: Database, mailer: any Mailer = UnconfiguredMailer(), sender: String = "ne-pas-repondre@sceau.invalid",
        origin: String = "http://127.0.0.1:8470", settings: RequestSettings = RequestSettings(),
        now: @escaping @Sendable () -> Int64 = { Timestamp.now() },
        logger: Logger = Logger(label: "sceau-platform.notifications")
    ) {
        self.database = database
        self.mailer = mailer
        self.sender = sender
        self.origin = origin
        self.settings = settings
        self.now = now
        self.logger = logger
    }

    /// What a pass of the alerts did.
    package struct AlertReport: Sendable, Equatable {
        /// The requests newly urgent, newly late.
        package var urgent = 0
        package var late = 0
        package var mailsSent = 0
        package var mailsFailed = 0
    }

    // MARK: - Preferences

    /// The agent's choice; "Détaillée" until they make one.
    package func preference(of agentID: Int64) async throws -> AgentNotifications.Preference {
        try await database.session { sql in try await AgentNotificationRepository(sql: sql).preference(of: agentID) }
    }

    package func setPreference(_ preference: AgentNotifications.Preference, of agentID: Int64) async throws {
        try await database.transaction { sql in
            try await AgentNotificationRepository(sql: sql).setPreference(preference, of: agentID)
        }
    }

    // MARK: - Mails

    /// Tells the agents who read the request's category that it was filed; returns the number of mails sent.
    @discardableResult
    package func newRequest(_ request: CitizenRequest) async -> Int {
        let origin = origin
        let mails: [AgentNotifications.Mail]
        do {
            mails = try await database.session { sql in
                guard
                    let teleservice = try await RequestCatalogRepository(sql: sql).teleservice(request.teleserviceID)
                else { return [] }
                let recipients = try await AgentNotificationRepository(sql: sql).audience()
                    .filter { $0.reads(request.categoryID) }.map(\.recipient)
                return AgentNotifications.newRequestMails(
                    CitizenRequestService.Summary(request: request, teleserviceName: teleservice.name, quality: nil),
                    to: recipients, origin: origin)
            }
        } catch {
            logger.error(
                "The agents were not told of request \(request.number): \(String(describing: error))")
            return 0
        }
        return await send(mails)
    }

    /// Finds the requests awaiting an agent that turned urgent or late since the last pass, remembers them
    /// (one alert per request and level), then mails each agent those in the categories they read. When
    /// every mail fails (the relay is down), the alerts are forgotten again and the next pass resends them.
    package func sendQualityAlerts() async throws -> AlertReport {
        let time = now()
        let levels = CitizenRequestService(database: database, settings: settings, now: now)
        let (alerts, audience) = try await database.transaction { sql in
            let repository = AgentNotificationRepository(sql: sql)
            let catalog = RequestCatalogRepository(sql: sql)
            let sent = try await repository.sentAlerts(forRequestsIn: RequestState.awaitingInstruction)
            // A quality filter reads every request awaiting an agent, as the task board does.
            let awaiting = try await CitizenRequestRepository(sql: sql).search(
                RequestSearch(quality: .late, sort: .oldest), in: nil)
            var teleservices: [Int64: Teleservice] = [:]
            var alerts: [CitizenRequestService.Summary] = []
            for request in awaiting {
                if teleservices[request.teleserviceID] == nil {
                    teleservices[request.teleserviceID] = try await catalog.teleservice(request.teleserviceID)
                }
                guard let id = request.id, let teleservice = teleservices[request.teleserviceID],
                    let level = levels.quality(of: request, teleservice: teleservice, at: time), level != .onTime
                else { continue }
                let alert = AgentNotificationRepository.SentAlert(requestID: id, level: level)
                guard !sent.contains(alert) else { continue }
                try await repository.recordAlert(alert, at: time)
                alerts.append(.init(request: request, teleserviceName: teleservice.name, quality: level))
            }
            return (alerts, alerts.isEmpty ? [] : try await repository.audience())
        }
        var report = AlertReport(
            urgent: alerts.filter { $0.quality == .urgent }.count, late: alerts.filter { $0.quality == .late }.count)
        var mails: [AgentNotifications.Mail] = []
        for member in audience {
            let read = alerts.filter { member.reads($0.request.categoryID) }
            mails += AgentNotifications.alertMails(
                urgent: read.filter { $0.quality == .urgent }, late: read.filter { $0.quality == .late },
                to: [member.recipient], origin: origin)
        }
        report.mailsSent = await send(mails)
        report.mailsFailed = mails.count - report.mailsSent
        if !mails.isEmpty, report.mailsSent == 0 {
            // The relay is down: nobody heard of these requests. Forget them so the next pass alerts again.
            let forgotten = alerts.compactMap { alert in
                alert.request.id.flatMap { id in
                    alert.quality.map { AgentNotificationRepository.SentAlert(requestID: id, level: $0) }
                }
            }
            try await database.transaction { sql in
                try await AgentNotificationRepository(sql: sql).forgetAlerts(forgotten)
            }
        }
        return report
    }

    /// Sends each mail, logging those that fail; returns how many went.
    private func send(_ mails: [AgentNotifications.Mail]) async -> Int {
        var sent = 0
        for mail in mails {
            do {
                try await mailer.send(MailMessage(from: sender, to: mail.to, subject: mail.subject, body: mail.body))
                sent += 1
            } catch {
                logger.warning(
                    "Mail « \(mail.subject) » to \(mail.to) not sent: \(String(describing: error))")
            }
        }
        return sent
    }
}
