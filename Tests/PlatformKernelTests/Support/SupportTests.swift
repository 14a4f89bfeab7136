import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// « Support » (issue 19 item 7): tickets opened by agents, answered by the platform's administrators, seen by
/// nobody else.
extension DatabaseTests {
    struct SupportTests {
        private func form(_ agent: AgentClient, _ path: String, _ fields: [(String, String)]) async throws
            -> TestResponse
        {
            let body = fields.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
            }.joined(separator: "&")
            return try await agent.client.executeRequest(
                uri: path, method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: agent.cookie,
                    SessionMiddleware.csrfHeader: agent.csrfToken,
                ],
                body: ByteBuffer(string: body))
        }

        private func agent(_ harness: PlatformHarness, email: String) async throws -> Agent {
            try await harness.withDatabase { database in
                try await database.session { sql in try await AgentRepository(sql: sql).find(email: email) }
            }!
        }

        /// The repository keeps tickets and conversations and finds them by every criterion, within the viewer's
        /// scope (own tickets, the administered organisations', or all).
        @Test(arguments: StorageBackend.available)
        func theRepositorySearchesWithinTheViewersScope(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, _ in
                let cityA = try await harness.entity("Ville A", login: "admin-a")
                _ = try await harness.entity("Ville B", login: "admin-b")
                try await BackOfficeCast.agent(harness, login: "agent-a1", service: "Urbanisme", in: cityA)
                try await BackOfficeCast.agent(harness, login: "agent-a2", service: "Voirie", in: cityA)
                let a1 = try await agent(harness, email: "agent-a1@example.invalid")
                let a2 = try await agent(harness, email: "agent-a2@example.invalid")
                let b = try await agent(harness, email: "admin-b@example.invalid")
                try await harness.withDatabase { database in
                    var service = SupportService(database: database)
                    service.mailer = RecordingMailer()
                    service.clock = { 1_800_000_000 }
                    let first = try await service.open(
                        SupportDraft(
                            category: .functional, subject: "Connexion IMPOSSIBLE", body: "Écran blanc.",
                            contactEmail: a1.email, contactPhone: ""), by: a1)
                    service.clock = { 1_800_100_000 }
                    let second = try await service.open(
                        SupportDraft(
                            category: .technical, subject: "Lenteur du dépôt", body: "Très lent.",
                            contactEmail: a2.email, contactPhone: "01 02 03 04 05"), by: a2)
                    _ = try await service.open(
                        SupportDraft(
                            category: .technical, subject: "Autre ville", body: "Question.", contactEmail: b.email,
                            contactPhone: ""), by: b)
                    try await database.session { sql in
                        let repository = SupportRepository(sql: sql)
                        let own = SupportViewer(
                            agentID: a1.id ?? 0, name: "", isPlatformAdministrator: false, administeredOrganisations: []
                        )
                        let cityAdmin = SupportViewer(
                            agentID: 0, name: "", isPlatformAdministrator: false,
                            administeredOrganisations: Set(
                                try await OrganisationRepository(sql: sql).subtreeIDs(of: cityA)))
                        let platform = SupportViewer(
                            agentID: 0, name: "", isPlatformAdministrator: true, administeredOrganisations: [])
                        #expect(try await repository.tickets(for: own).map(\.subject) == ["Connexion IMPOSSIBLE"])
                        #expect(
                            try await repository.tickets(for: cityAdmin).map(\.subject)
                                == ["Lenteur du dépôt", "Connexion IMPOSSIBLE"])
                        #expect(try await repository.tickets(for: platform).count == 3)
                        func found(_ search: SupportSearch, _ viewer: SupportViewer = cityAdmin) async throws
                            -> [Int64?]
                        {
                            try await repository.tickets(for: viewer, matching: search).map(\.id)
                        }
                        #expect(try await found(SupportSearch(number: second.id)) == [second.id])
                        #expect(try await found(SupportSearch(number: second.id), own) == [])
                        #expect(try await found(SupportSearch(category: .functional)) == [first.id])
                        #expect(try await found(SupportSearch(subject: "connexion")) == [first.id])
                        #expect(try await found(SupportSearch(contact: "voirie")) == [second.id])
                        #expect(try await found(SupportSearch(state: .new)).count == 2)
                        #expect(try await found(SupportSearch(openOnly: false)) == [])
                        #expect(try await found(SupportSearch(openedFrom: 1_800_050_000)) == [second.id])
                        #expect(try await found(SupportSearch(openedBefore: 1_800_050_000)) == [first.id])
                        try await repository.setState(first.id ?? 0, to: .closed, at: 1_800_200_000)
                        #expect(try await found(SupportSearch(openOnly: false)) == [first.id])
                        #expect(try await found(SupportSearch(openOnly: true)) == [second.id])
                        let messages = try await repository.messages(of: second.id ?? 0)
                        #expect(messages.map(\.body) == ["Très lent."] && messages.first?.fromSupport == false)
                        let file = try await repository.add(
                            SupportAttachment(
                                ticketID: second.id ?? 0, uploadedBy: a2.id ?? 0, uploaderName: "Voirie Agent",
                                fromSupport: false, name: "capture.png", size: 3,
                                sha256: String(repeating: "ab", count: 32),
                                uploadedAt: 1_800_100_001))
                        #expect(try await repository.attachments(of: second.id ?? 0) == [file])
                    }
                }
            }
        }

        /// An agent opens a ticket with a file; another entity's administrator gets "not found" for everything of
        /// it; the platform's administrator answers, the agent is mailed a link (not the answer) and replies; closing
        /// and reopening follow the rules; everything is journaled.
        @Test(arguments: StorageBackend.available)
        func anAgentsTicketIsAnsweredByThePlatformAndHiddenFromOthers(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            let configure: @Sendable (inout PlatformConfiguration) -> Void = {
                $0.noticeMailer = mailer
                $0.supportEmail = "support@sceau.invalid"
            }
            try await PlatformHarness.run(backend, configure: configure) { harness, client in
                let cityA = try await harness.entity("Ville A", login: "admin-a")
                _ = try await harness.entity("Ville B", login: "admin-b")
                _ = try await harness.entity("Plateforme", login: "admin-p")
                try await BackOfficeCast.agent(harness, login: "agent-a1", service: "Urbanisme", in: cityA)
                try await BackOfficeCast.agent(harness, login: "agent-a2", service: "Voirie", in: cityA)
                let agent = try await AgentClient.signIn(client, login: "agent-a1")
                let colleague = try await AgentClient.signIn(client, login: "agent-a2")
                let cityAdmin = try await AgentClient.signIn(client, login: "admin-a")
                let stranger = try await AgentClient.signIn(client, login: "admin-b")
                let platform = try await AgentClient.signIn(client, login: "admin-p")
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await RequestEntityRepository(sql: sql).setPlatformAdministrator(platform.agentID, true)
                    }
                }
                #expect(try await agent.send(.get, "/espace-agent/support").status == .ok)
                #expect(try await agent.send(.get, "/espace-agent/support/nouveau").status == .ok)
                let refused = try await form(
                    agent, "/espace-agent/support/nouveau",
                    [
                        ("type", "technique"), ("sujet", String(repeating: "x", count: 101)), ("message", "Bonjour"),
                        ("email", "agent-a1@example.invalid"),
                    ])
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains("ticket-sujet-erreur"))
                let created = try await form(
                    agent, "/espace-agent/support/nouveau",
                    [
                        ("type", "technique"), ("sujet", "Dépôt impossible"), ("message", "Le bouton ne répond pas."),
                        ("email", "agent-a1@example.invalid"), ("telephone", "01.42.42.42.42"),
                    ])
                #expect(created.status == .seeOther)
                let location = try #require(created.headers[.location])
                let id = try #require(Int64(location.split(separator: "/").last?.split(separator: "?").first ?? ""))
                let ticket = "/espace-agent/support/tickets/\(id)"
                #expect(mailer.messages.map(\.to).sorted() == ["agent-a1@example.invalid", "support@sceau.invalid"])
                #expect(mailer.messages.allSatisfy { $0.body.contains(ticket) && !$0.body.contains("bouton") })

                let upload = "/api/support/tickets/\(id)/pieces?nom=capture.png"
                let uploaded = try await agent.send(.post, upload, bytes: Array(repeating: 7, count: 1000))
                #expect(uploaded.status == .created)
                let tooLarge = try await agent.send(
                    .post, upload, bytes: Array(repeating: 7, count: Int(SupportRules.maximumAttachmentSize) + 1))
                #expect(tooLarge.status == .contentTooLarge)
                let page = String(buffer: try await agent.send(.get, ticket).body)
                #expect(page.contains("capture.png") && page.contains("Le bouton ne répond pas."))
                let fileLink = try #require(
                    page.components(separatedBy: "href=\"").compactMap { $0.split(separator: "\"").first }
                        .first { $0.contains("/pieces/") })
                let file = try await agent.send(.get, String(fileLink))
                #expect(file.status == .ok && file.body.readableBytes == 1000)

                // Another entity's administrator, and a colleague without administration rights, see nothing of it.
                for other in [stranger, colleague] {
                    #expect(try await other.send(.get, ticket).status == .notFound)
                    #expect(try await other.send(.get, String(fileLink)).status == .notFound)
                    #expect(try await other.send(.post, upload, bytes: [1]).status == .notFound)
                    #expect(try await form(other, "\(ticket)/reponse", [("message", "Intrus")]).status == .notFound)
                    #expect(try await form(other, "\(ticket)/etat", [("action", "fermer")]).status == .notFound)
                    #expect(
                        !String(buffer: try await other.send(.get, "/espace-agent/support").body).contains(
                            "Dépôt impossible"))
                }
                // The entity's administrator sees it (« Nom du contact (interne) »), but may not set its state.
                #expect(try await cityAdmin.send(.get, ticket).status == .ok)
                #expect(
                    String(buffer: try await cityAdmin.send(.get, "/espace-agent/support").body).contains(
                        "Dépôt impossible"))
                #expect(try await form(cityAdmin, "\(ticket)/etat", [("etat", "resolu")]).status == .forbidden)

                // The platform's administrator answers and asks for precisions: the agent is mailed a link.
                #expect(
                    String(buffer: try await platform.send(.get, "/espace-agent/support").body).contains(
                        "Dépôt impossible"))
                let answered = try await form(
                    platform, "\(ticket)/reponse", [("message", "Quel navigateur ?"), ("etat", "attente-precisions")])
                #expect(answered.status == .seeOther)
                let mail = try #require(mailer.messages.last)
                #expect(mail.to == "agent-a1@example.invalid" && mail.body.contains(ticket))
                #expect(!mail.body.contains("navigateur"))
                var shown = String(buffer: try await agent.send(.get, ticket).body)
                #expect(shown.contains("Quel navigateur ?") && shown.contains("En attente de précisions"))
                #expect(try await form(agent, "\(ticket)/reponse", [("message", "Firefox.")]).status == .seeOther)
                shown = String(buffer: try await agent.send(.get, ticket).body)
                #expect(shown.contains("<span class=\"badge badge--info\" id=\"etat-ticket\">En cours</span>"))
                #expect(mailer.messages.count == 3)

                #expect(try await form(agent, "\(ticket)/etat", [("action", "fermer")]).status == .seeOther)
                #expect(try await form(agent, "\(ticket)/reponse", [("message", "Encore")]).status == .conflict)
                #expect(try await agent.send(.post, upload, bytes: [1]).status == .conflict)
                #expect(try await form(agent, "\(ticket)/etat", [("action", "rouvrir")]).status == .seeOther)
                #expect(try await form(agent, "\(ticket)/etat", [("action", "rouvrir")]).status == .conflict)
                #expect(try await form(platform, "\(ticket)/etat", [("etat", "resolu")]).status == .seeOther)
                #expect(String(buffer: try await agent.send(.get, ticket).body).contains("Résolu"))

                let actions = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.select().column("action").from("journal")
                            .where("action", .like, "support-ticket.%").orderBy("sequence")
                            .all(decodingColumn: "action", as: String.self)
                    }
                }
                #expect(
                    actions == [
                        "support-ticket.opened", "support-ticket.file-attached", "support-ticket.replied",
                        "support-ticket.replied", "support-ticket.state-changed", "support-ticket.state-changed",
                        "support-ticket.state-changed",
                    ])
            }
        }
    }
}
