import Foundation
import Logging
import PlatformKernel
import SQLKit

/// Sends the agents' e-mail alerts about the consultations they follow (``ConsultationFollowers``), each to
/// those who chose it on « Mon compte », through the platform's `Mailer`. A mail names the consultation
/// (reference, title), what happened and a link to its page; never the content of a pli, a question or a
/// message. A mail that cannot leave is logged: it never fails the deposit, the question or the submission
/// that caused it, which are committed before the alerts are sent.
package struct ConsultationAlerts: Sendable {
    package let database: Database
    /// `nil`: no relay, no alert (the clôture summaries stay unclaimed).
    package var mailer: (any Mailer)?
    package var sender = "ne-pas-repondre@sceau.invalid"
    /// The platform's address as agents reach it, for the links.
    package var origin = "http://127.0.0.1:8470"
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }
    package var logger = Logger(label: "sceau-platform.alerts")

    package init(
        database: Database, mailer: (any Mailer)?, sender: String = "ne-pas-repondre@sceau.invalid",
        origin: String = "http://127.0.0.1:8470", clock: @escaping @Sendable () -> Int64 = { Timestamp.now() }
    ) {
        self.database = database
        self.mailer = mailer
        self.sender = sender
        self.origin = origin
        self.clock = clock
    }

    /// What a pass of the clôture summaries did.
    package struct ClosureReport: Sendable, Equatable {
        /// The consultations whose summary this pass claimed (and kept).
        package var consultations = 0
        package var mailsSent = 0
        package var mailsFailed = 0

        package init(consultations: Int = 0, mailsSent: Int = 0, mailsFailed: Int = 0) {
            self.consultations = consultations
            self.mailsSent = mailsSent
            self.mailsFailed = mailsFailed
        }
    }

    // MARK: - Synchronous alerts

    /// « Réponse électronique reçue »: a company completed a deposit.
    @discardableResult
    package func depositReceived(consultationID: Int64, companyName: String, at time: Int64) async -> Int {
        await alert(.depositReceived, consultationID: consultationID, excluding: nil) { consultation in
            AlertMails.depositReceived(consultation, companyName: companyName, at: time, origin: origin)
        }
    }

    /// « Question reçue »: a company asked a question (its text stays on the platform).
    @discardableResult
    package func questionReceived(consultationID: Int64, companyName: String, at time: Int64) async -> Int {
        await alert(.questionReceived, consultationID: consultationID, excluding: nil) { consultation in
            AlertMails.questionReceived(consultation, companyName: companyName, at: time, origin: origin)
        }
    }

    /// « Consultation en attente de validation »: an agent submitted it (they are not told of their own act).
    @discardableResult
    package func awaitingValidation(consultationID: Int64, submittedBy agentID: Int64) async -> Int {
        await alert(.awaitingValidation, consultationID: consultationID, excluding: agentID) { consultation in
            AlertMails.awaitingValidation(consultation, origin: origin)
        }
    }

    private func alert(
        _ kind: ProcurementAlert, consultationID: Int64, excluding: Int64?,
        mail: @Sendable (Consultation) -> (subject: String, body: String)
    ) async -> Int {
        guard mailer != nil else { return 0 }
        let found: (Consultation, [Agent])?
        do {
            found = try await database.session { sql in
                guard let consultation = try await ConsultationRepository(sql: sql).find(id: consultationID) else {
                    return nil
                }
                return (
                    consultation,
                    try await ConsultationFollowers.recipients(
                        of: kind, for: consultation, excluding: excluding, sql: sql)
                )
            }
        } catch {
            logger.error("Alert \(kind.rawValue) of consultation \(consultationID) not sent: \(error)")
            return 0
        }
        guard let (consultation, agents) = found, !agents.isEmpty else { return 0 }
        let (subject, body) = mail(consultation)
        return await send(subject: subject, body: body, to: agents)
    }

    // MARK: - Clôture

    /// Sends the clôture summary of each consultation whose deadline passed and whose summary nobody sent:
    /// each is claimed in its own transaction (a row in `consultation_closure_alerts`, which another pass or
    /// node then skips) that also reads the summary and the recipients; the mails leave after the commit. When
    /// there were recipients and every mail failed (the relay is down), the claim is given back for the next
    /// pass. Safe to run on several nodes at once and again after a restart: a summary leaves once.
    package func sendClosureSummaries() async throws -> ClosureReport {
        var report = ClosureReport()
        guard mailer != nil else { return report }
        let now = clock()
        let due = try await database.session { sql in try await ClosureAlertRepository(sql: sql).due(at: now) }
        for consultationID in due {
            let claimed: (Consultation, ClosureSummary, [Agent])? = try await database.transaction { sql in
                guard try await ClosureAlertRepository(sql: sql).claim(consultationID, at: now),
                    let consultation = try await ConsultationRepository(sql: sql).find(id: consultationID)
                else { return nil }
                let summary = try await ClosureSummary.read(consultationID, sql: sql)
                let agents = try await ConsultationFollowers.recipients(of: .closure, for: consultation, sql: sql)
                return (consultation, summary, agents)
            }
            guard let (consultation, summary, agents) = claimed else { continue }
            let (subject, body) = AlertMails.closure(consultation, summary: summary, origin: origin)
            let sent = await send(subject: subject, body: body, to: agents)
            report.mailsSent += sent
            report.mailsFailed += agents.count - sent
            if !agents.isEmpty, sent == 0 {
                try await database.transaction { sql in
                    try await ClosureAlertRepository(sql: sql).release(consultationID)
                }
            } else {
                report.consultations += 1
            }
        }
        return report
    }

    /// Sends one mail to each agent; returns how many left.
    private func send(subject: String, body: String, to agents: [Agent]) async -> Int {
        guard let mailer else { return 0 }
        var sent = 0
        for agent in agents {
            do {
                try await mailer.send(MailMessage(from: sender, to: agent.email, subject: subject, body: body))
                sent += 1
            } catch {
                logger.warning("Alert « \(subject) » to agent \(agent.id ?? 0) not sent: \(error)")
            }
        }
        return sent
    }
}
