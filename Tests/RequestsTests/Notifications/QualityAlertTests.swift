import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The quality-of-service alerts: a request awaiting an agent is alerted once when it turns urgent and once
/// when it turns late, to the agents who read its category, per their choice; closed requests never.
extension DatabaseTests {
    struct QualityAlertTests {
        static let day: Int64 = 86_400

        @Test(arguments: StorageBackend.available)
        func urgentThenLateYieldsTwoAlertsNeverTheSameTwice(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let mailer = RecordingMailer()
                let clock = f.clock
                let notifier = AgentNotifier(
                    database: database, mailer: mailer, origin: "https://sceau.example", now: { clock.now })
                try await notifier.setPreference(.off, of: f.reader)
                try await notifier.setPreference(.summary, of: f.colleague)
                // A second request, refused: no longer awaiting an agent, never alerted.
                let refused = try await f.service.file(
                    .init(
                        teleserviceID: f.teleservice.id ?? 0, householdID: f.household.id, seasonID: f.season.id,
                        data: ["ecole": ["gare"]]))
                _ = try await f.service.transition(refused.id ?? 0, to: .rejected, by: f.instructor)
                // Filed on Tuesday 6 April: on time.
                #expect(try await notifier.sendQualityAlerts() == AgentNotifier.AlertReport())
                #expect(mailer.messages.isEmpty)
                // Friday 16 April: 8 working days of 10, past the 3-day reminder: urgent.
                clock.advance(10 * Self.day)
                let urgent = try await notifier.sendQualityAlerts()
                #expect(urgent == AgentNotifier.AlertReport(urgent: 1, late: 0, mailsSent: 4, mailsFailed: 0))
                let first = mailer.messages
                #expect(
                    first.map(\.to) == [
                        "admin@cergy.invalid", "manager@cergy.invalid", "instructor@cergy.invalid",
                        "colleague@cergy.invalid",
                    ])
                #expect(first.allSatisfy { $0.subject == "Alertes qualité de service : 0 en retard, 1 urgente(s)" })
                let detailed = try #require(first.first { $0.to == "instructor@cergy.invalid" })
                #expect(detailed.body.contains("Demandes urgentes (délai de rappel dépassé) :\n- \(f.request.number)"))
                #expect(detailed.body.contains("https://sceau.example/espace-agent/demarches/\(f.requestID)"))
                #expect(!detailed.body.contains(refused.number))
                let summary = try #require(first.first { $0.to == "colleague@cergy.invalid" })
                #expect(summary.body.contains("0 demande(s) en retard et 1 demande(s) urgente(s) vous attendent"))
                #expect(!summary.body.contains(f.request.number))
                // The same day again, then the next day: already alerted.
                #expect(try await notifier.sendQualityAlerts() == AgentNotifier.AlertReport())
                clock.advance(Self.day)
                #expect(try await notifier.sendQualityAlerts() == AgentNotifier.AlertReport())
                #expect(mailer.messages.count == 4)
                // Monday 26 April: past the 10 working days: late, alerted once more.
                clock.advance(9 * Self.day)
                let late = try await notifier.sendQualityAlerts()
                #expect(late == AgentNotifier.AlertReport(urgent: 0, late: 1, mailsSent: 4, mailsFailed: 0))
                #expect(try await notifier.sendQualityAlerts() == AgentNotifier.AlertReport())
                let all = mailer.messages
                #expect(all.count == 8)
                #expect(all.filter { $0.to == "instructor@cergy.invalid" }.count == 2)
                #expect(
                    all.last { $0.to == "instructor@cergy.invalid" }?.body.contains(
                        "Demandes en retard (temps maximum d'instruction dépassé) :\n- \(f.request.number)") == true)
                // "Aucune" and no right on the category: nothing, ever.
                #expect(!all.contains { $0.to == "reader@cergy.invalid" || $0.to == "outsider@cergy.invalid" })
            }
        }

        @Test(arguments: StorageBackend.available)
        func alertsFollowThePlatformQualityAndAreResentAfterARelayDown(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let mailer = RecordingMailer()
                let clock = f.clock
                var notifier = AgentNotifier(database: database, mailer: mailer, now: { clock.now })
                // Five working days at most, reminder two days before: Wednesday 14 April is already late.
                notifier.settings.qualityOfService = QualityOfService(maximumDays: 5, reminderDays: 2)
                clock.advance(8 * Self.day)
                mailer.fail(true)
                let report = try await notifier.sendQualityAlerts()
                #expect(report == AgentNotifier.AlertReport(urgent: 0, late: 1, mailsSent: 0, mailsFailed: 5))
                // Nobody was told: once the relay is back, the next pass sends the alert, then never again.
                mailer.fail(false)
                let resent = try await notifier.sendQualityAlerts()
                #expect(resent == AgentNotifier.AlertReport(urgent: 0, late: 1, mailsSent: 5, mailsFailed: 0))
                #expect(mailer.messages.filter { $0.subject.contains("1 en retard") }.count == 5)
                #expect(try await notifier.sendQualityAlerts() == AgentNotifier.AlertReport())
                #expect(mailer.messages.count == 5)
            }
        }
    }
}
