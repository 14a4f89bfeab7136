import Foundation
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A filed request mails the agents who read its category, per their stored choice, through a real
/// ``SMTPMailer`` to the local sink; a relay down never fails the filing.
extension DatabaseTests {
    struct NewRequestNotificationTests {
        static let origin = "https://sceau.example"

        /// Files another request of the fixture's household, with `notifier` telling the agents.
        static func file(_ f: RequestFixture, notifier: AgentNotifier) async throws -> CitizenRequest {
            var service = f.service
            service.notifier = notifier
            return try await service.file(
                .init(
                    teleserviceID: f.teleservice.id ?? 0, householdID: f.household.id,
                    subjectID: f.household.members[1].id, seasonID: f.season.id, data: ["ecole": ["gare"]]))
        }

        @Test(arguments: StorageBackend.available)
        func preferencesAreStoredDetailedByDefault(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let notifier = AgentNotifier(database: database)
                #expect(try await notifier.preference(of: f.reader) == .detailed)
                try await notifier.setPreference(.summary, of: f.reader)
                try await notifier.setPreference(.off, of: f.reader)
                try await notifier.setPreference(.summary, of: f.colleague)
                #expect(try await notifier.preference(of: f.reader) == .off)
                #expect(try await notifier.preference(of: f.colleague) == .summary)
                let audience = try await database.session { sql in
                    try await AgentNotificationRepository(sql: sql).audience()
                }
                // The outsider reads the other category only; the administrator reads every one.
                let childhood = audience.filter { $0.reads(f.childhood) }.map(\.agentID)
                #expect(childhood == [f.administrator, f.manager, f.instructor, f.colleague, f.reader])
                #expect(audience.first { $0.agentID == f.outsider }?.categories == [f.civilStatus])
                #expect(audience.first { $0.agentID == f.reader }?.preference == .off)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aNewRequestReachesTheSMTPSinkPerPreference(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let sink = try SMTPSink()
                defer { sink.stop() }
                let mailer = try #require(SMTPMailer(relay: "127.0.0.1:\(sink.port)"))
                let notifier = AgentNotifier(
                    database: database, mailer: mailer, sender: "demarches@cergy.invalid", origin: Self.origin)
                try await notifier.setPreference(.summary, of: f.reader)
                try await notifier.setPreference(.off, of: f.colleague)
                let filed = try await Self.file(f, notifier: notifier)
                let messages = sink.messages
                // "Aucune" (colleague) and no right on the category (outsider): nothing.
                #expect(
                    messages.compactMap { message in message.commands.first { $0.hasPrefix("RCPT TO:") } } == [
                        "RCPT TO:<admin@cergy.invalid>", "RCPT TO:<manager@cergy.invalid>",
                        "RCPT TO:<instructor@cergy.invalid>", "RCPT TO:<reader@cergy.invalid>",
                    ])
                #expect(messages.allSatisfy { $0.commands.contains("MAIL FROM:<demarches@cergy.invalid>") })
                let instructor = try #require(
                    messages.first { $0.commands.contains("RCPT TO:<instructor@cergy.invalid>") })
                let reader = try #require(messages.first { $0.commands.contains("RCPT TO:<reader@cergy.invalid>") })
                #expect(Self.subject(instructor) == "Nouvelle demande \(filed.number) — Inscription scolaire")
                #expect(Self.subject(reader) == Self.subject(instructor))
                let detailed = Self.body(instructor)
                #expect(detailed.contains("\(Self.origin)/espace-agent/demarches/\(filed.id ?? 0)"))
                #expect(detailed.contains("Demandeur : Anne Legrand"))
                #expect(detailed.contains("Concerne : Léo Legrand"))
                let summary = Self.body(reader)
                #expect(summary.contains("Une nouvelle demande « Inscription scolaire » est arrivée"))
                #expect(!summary.contains(filed.number) && !summary.contains("Anne Legrand"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func aRelayDownDoesNotFailTheFiling(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let mailer = RecordingMailer()
                mailer.fail(true)
                let filed = try await Self.file(f, notifier: AgentNotifier(database: database, mailer: mailer))
                let id = try #require(filed.id)
                #expect(try await f.service.detail(id, for: f.instructor).request.state == .pending)
                // Without a notifier (no relay configured), filing sends nothing either.
                mailer.fail(false)
                _ = try await f.service.file(
                    .init(
                        teleserviceID: f.teleservice.id ?? 0, householdID: f.household.id, seasonID: f.season.id,
                        data: ["ecole": ["parc"]]))
                #expect(mailer.messages.isEmpty)
                // Once the relay is back, every reader of the category is told.
                _ = try await Self.file(f, notifier: AgentNotifier(database: database, mailer: mailer))
                #expect(mailer.messages.count == 5)
            }
        }

        static func subject(_ message: SMTPSink.Message) -> String? {
            guard let header = message.header("Subject"), header.hasPrefix("=?UTF-8?B?") else { return nil }
            let encoded = String(header.dropFirst("=?UTF-8?B?".count).dropLast(2))
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }
        }

        static func body(_ message: SMTPSink.Message) -> String {
            Data(base64Encoded: message.body, options: .ignoreUnknownCharacters).map {
                String(decoding: $0, as: UTF8.self)
            } ?? ""
        }
    }
}
