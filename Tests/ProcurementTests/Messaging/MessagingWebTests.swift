import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The « messagerie sécurisée » through the platform's routes, on both backends: recipients, attachments,
/// the « accusé de réception », replies within their deadline, a company seeing only its own messages, the
/// journal, the CSV register; and the notice mailed without the content.
extension DatabaseTests {
    struct MessagingWebTests {
        private static func companyID(siret: String, _ harness: PlatformHarness) async throws -> Int64 {
            try await harness.withDatabase { database in
                try await database.session { sql in
                    try #require(
                        try await sql.select().column("id").from("companies").where("siret", .equal, siret)
                            .first(decodingColumn: "id", as: Int64.self))
                }
            }
        }

        /// A complete deposit of the company, written as the deposit routes leave it.
        private static func deposit(company: Int64, bidder: Int64, consultation: Int64, _ harness: PlatformHarness)
            async throws
        {
            try await harness.withDatabase { database in
                try await database.session { sql in
                    try await sql.insert(into: "deposits")
                        .columns("consultation_id", "company_id", "bidder_id", "state", "started_at", "completed_at")
                        .values(
                            SQLBind(consultation), SQLBind(company), SQLBind(bidder),
                            SQLBind(Deposit.State.complete.rawValue), SQLBind(Timestamp.now()),
                            SQLBind(Timestamp.now())
                        ).run()
                }
            }
        }

        private static func journal(_ action: JournalAction, _ harness: PlatformHarness) async throws -> Int {
            try await harness.withDatabase { database in
                try await database.session { sql in
                    try await sql.select().column("sequence").from("journal").where("action", .equal, action.rawValue)
                        .all().count
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func anAgentWritesTheBidderReadsAndTheReadingIsRecorded(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let id = scenario.consultationID
                let admin = scenario.admin
                let durand = try await Self.companyID(siret: "44306184100047", harness)
                let registration = try await client.executeRequest(
                    uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(
                        data: try JSONEncoder().encode(
                            DatabaseTests.CompanyAPITests.registration(siret: "73282932000074", login: "bidder-2"))))
                try #require(registration.status == .created)
                let other = try await AgentClient.signIn(client, login: "bidder-2", bidder: true)
                let rival = try await Self.companyID(siret: "73282932000074", harness)
                try await Self.deposit(company: durand, bidder: scenario.bidder.agentID, consultation: id, harness)

                // Only the company that deposited may be written to; the other neither deposited nor withdrew.
                let compose = try await admin.page("/consultations/\(id)/messagerie/nouveau?type=notification-de-rejet")
                #expect(compose.contains("Bâtiments Durand SARL"))
                #expect(compose.contains("a déposé une réponse"))
                #expect(compose.contains("Courrier de rejet"))
                #expect(compose.contains("20 Mio"))
                let refused = try await admin.postForm(
                    "/consultations/\(id)/messagerie/nouveau",
                    [
                        ("type", "notification-de-rejet"), ("destinataire", String(rival)), ("objet", "Rejet"),
                        ("corps", "Regret"), ("accuse", "oui"), ("reponse", "non"),
                    ])
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains("ni déposé de réponse ni retiré le DCE"))
                let refusedJSON = try await admin.send(
                    .post, "/api/consultations/\(id)/messages",
                    json: MessagingController.MessageInput(
                        kind: .free, companyIds: [rival], subject: "S", body: "B", withReceipt: nil, replyAllowed: nil,
                        replyDeadline: nil, attachmentIds: nil))
                #expect(refusedJSON.status == .badRequest)

                // An attachment, then the « Notification de rejet » with it.
                let upload = try await admin.send(
                    .post, "/api/consultations/\(id)/messages/pieces?nom=courrier%20de%20rejet.pdf",
                    bytes: Array("%PDF-1.7 rejet".utf8))
                #expect(upload.status == .created)
                let file = try JSONDecoder().decode(MessagingController.FileView.self, from: Data(buffer: upload.body))
                #expect(file.name == "courrier de rejet.pdf")
                let sent = try await admin.postForm(
                    "/consultations/\(id)/messagerie/nouveau",
                    [
                        ("type", "notification-de-rejet"), ("destinataire", String(durand)),
                        ("objet", "Courrier de rejet"), ("corps", "Votre réponse n'a pas été retenue."),
                        ("accuse", "oui"), ("reponse", "non"), ("piece", String(file.id)),
                    ])
                #expect(sent.status == .seeOther)
                var listed = try await admin.decode(
                    [MessagingController.MessageView].self, .get, "/api/consultations/\(id)/messages")
                let message = try #require(listed.first)
                #expect(listed.count == 1)
                #expect(message.readAt == nil)
                #expect(message.kind == .rejection)
                #expect(message.files.map(\.name) == ["courrier de rejet.pdf"])
                #expect(try await admin.page("/consultations/\(id)").contains("Non lu"))
                #expect(try await Self.journal(.messageSent, harness) == 1)

                // The other company sees nothing of it.
                #expect(!(try await other.page("/entreprise/messages")).contains("Courrier de rejet"))
                #expect(try await other.send(.get, "/entreprise/messages/\(message.id)").status == .notFound)
                #expect(
                    try await other.send(.get, "/entreprise/messages/\(message.id)/pieces/\(file.id)").status
                        == .notFound)
                #expect(
                    try await other.decode([MessagingController.MessageView].self, .get, "/api/entreprise/messages")
                        .isEmpty)
                #expect(try await Self.journal(.messageRead, harness) == 0)

                // The addressee reads it: the reading is recorded once, with its time.
                let inbox = try await scenario.bidder.page("/entreprise/messages")
                #expect(inbox.contains("Courrier de rejet"))
                #expect(inbox.contains("1 courrier non lu"))
                let before = Timestamp.now()
                let read = try await scenario.bidder.page("/entreprise/messages/\(message.id)")
                #expect(read.contains("Votre réponse n&#39;a pas été retenue.") || read.contains("Votre réponse n"))
                #expect(read.contains("Consultation concernée par cet échange"))
                let download = try await scenario.bidder.send(
                    .get, "/entreprise/messages/\(message.id)/pieces/\(file.id)")
                #expect(String(buffer: download.body) == "%PDF-1.7 rejet")
                listed = try await admin.decode(
                    [MessagingController.MessageView].self, .get, "/api/consultations/\(id)/messages")
                let readAt = try #require(listed.first?.readAt)
                #expect(readAt >= before)
                _ = try await scenario.bidder.page("/entreprise/messages/\(message.id)")
                listed = try await admin.decode(
                    [MessagingController.MessageView].self, .get, "/api/consultations/\(id)/messages")
                #expect(listed.first?.readAt == readAt)
                #expect(try await Self.journal(.messageRead, harness) == 1)
                let shown = try await admin.page("/consultations/\(id)/messagerie/courriers/\(message.id)")
                #expect(shown.contains("Lu le \(FrenchTime.text(readAt))"))
                #expect(try await admin.page("/consultations/\(id)").contains("Lu le \(FrenchTime.text(readAt))"))
                let csv = try await admin.send(.get, "/api/consultations/\(id)/registres/messages.csv")
                #expect(String(buffer: csv.body).contains("Notification de rejet"))
                #expect(String(buffer: csv.body).contains(FrenchTime.text(readAt)))
                // No reply to a rejection.
                #expect(
                    try await scenario.bidder.postForm(
                        "/entreprise/messages/\(message.id)/reponse", [("reponse", "Non")]
                    )
                    .status == .forbidden)

                // Once the other company withdrew the DCE, it may be written to: a complement request with a reply.
                #expect(
                    try await admin.send(.put, "/api/consultations/\(id)/dce", bytes: CompanyPagesTests.emptyZIP).status
                        == .ok)
                _ = try await other.send(.get, "/api/public/consultations/\(scenario.reference)/dce")
                let deadline = ParisTime.format(Timestamp.now() + 7 * 86_400)
                let complement = try await admin.postForm(
                    "/consultations/\(id)/messagerie/nouveau",
                    [
                        ("type", "demande-de-complement"), ("destinataire", String(rival)),
                        ("destinataire", String(durand)), ("objet", "Pièces manquantes"),
                        ("corps", "Merci de joindre le DC2."), ("accuse", "oui"), ("reponse", "oui"),
                        ("dateReponse", deadline),
                    ])
                #expect(complement.status == .seeOther)
                let mine = try await other.decode(
                    [MessagingController.MessageView].self, .get, "/api/entreprise/messages")
                let request = try #require(mine.first)
                #expect(mine.count == 1)
                #expect(request.replyAllowed)
                let page = try await other.page("/entreprise/messages/\(request.id)")
                #expect(page.contains("Envoyer la réponse"))
                let piece = try await other.send(
                    .post, "/api/entreprise/messages/\(request.id)/pieces?nom=DC2.pdf", bytes: Array("%PDF DC2".utf8))
                #expect(piece.status == .created)
                let pieceID = try JSONDecoder().decode(
                    MessagingController.FileView.self, from: Data(buffer: piece.body)
                ).id
                let replied = try await other.postForm(
                    "/entreprise/messages/\(request.id)/reponse",
                    [("reponse", "Voici le DC2."), ("piece", String(pieceID))])
                #expect(replied.status == .seeOther)
                let agentView = try await admin.page("/consultations/\(id)/messagerie/courriers/\(request.id)")
                #expect(agentView.contains("Voici le DC2."))
                #expect(agentView.contains("DC2.pdf"))
                #expect(try await Self.journal(.messageReplied, harness) == 1)
                // The other company cannot upload to the first's request.
                let stranger = try await scenario.bidder.send(
                    .post, "/api/entreprise/messages/\(request.id)/pieces?nom=x.pdf", bytes: [1])
                #expect(stranger.status == .notFound)
                #expect(
                    try await admin.decode(
                        [MessagingController.MessageView].self, .get, "/api/consultations/\(id)/messages"
                    ).count == 3)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theNoticeIsMailedWithoutTheContent(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let durand = try await Self.companyID(siret: "44306184100047", harness)
                try await Self.deposit(
                    company: durand, bidder: scenario.bidder.agentID, consultation: scenario.consultationID, harness)
                let mailer = RecordingMailer()
                try await harness.withDatabase { database in
                    let service = MessagingService(
                        database: database, files: try FileStore(dataDirectory: harness.dataDirectory), mailer: mailer,
                        sender: "plateforme@example.invalid", publicURL: "https://marches.example.invalid/")
                    let authority = try await database.session { sql in
                        let agents = AgentRepository(sql: sql)
                        return try await agents.authority(
                            of: try #require(try await agents.find(scenario.admin.agentID)))
                    }
                    try await service.send(
                        MessageDraft(
                            kind: .rejection, companyIDs: [durand], subject: "Courrier de rejet",
                            body: "Contenu confidentiel"),
                        from: scenario.consultationID, by: authority)
                    await #expect(throws: DomainError.self) {
                        try await service.send(
                            MessageDraft(kind: .free, companyIDs: [durand + 1000], subject: "S", body: "B"),
                            from: scenario.consultationID, by: authority)
                    }
                }
                let mail = try #require(mailer.messages.first)
                #expect(mailer.messages.count == 1)
                #expect(mail.to == "bidder-1@durand.invalid")
                #expect(mail.subject.contains(scenario.reference))
                #expect(mail.body.contains("https://marches.example.invalid/entreprise/messages"))
                #expect(!mail.body.contains("Contenu confidentiel"))
                #expect(!mail.subject.contains("Courrier de rejet"))
            }
        }
    }
}
