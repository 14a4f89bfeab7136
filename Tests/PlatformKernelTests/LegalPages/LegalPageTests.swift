import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// « Mentions légales », « Conditions d'utilisation », « Prérequis techniques» (issue 19, item 9): public pages
/// with shipped text, linked from every footer, whose text only a platform administrator replaces.
extension DatabaseTests {
    struct LegalPageTests {
        private func post(_ client: AgentClient, _ raw: any TestClientProtocol, _ path: String, text: String)
            async throws -> TestResponse
        {
            let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
            return try await raw.executeRequest(
                uri: path, method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: client.cookie,
                    SessionMiddleware.csrfHeader: client.csrfToken,
                ],
                body: ByteBuffer(string: "text=\(encoded)"))
        }

        @Test func theTextIsSplitIntoParagraphsAndLists() {
            let text = LegalText("Un\ndeux\n\n- a\n- b\nfin\n\n\n")
            #expect(
                text.blocks.map { $0.isList ? "L:" + $0.items.map(\.text).joined(separator: ",") : "P:" + $0.paragraph }
                    == ["P:Un deux", "L:a,b", "P:fin"])
        }

        @Test(arguments: StorageBackend.available)
        func theShippedTextIsShownToAnyone(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                let page = try await client.executeRequest(
                    uri: "/prerequis-techniques", method: .get, headers: [:], body: nil)
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains("<h1>Prérequis techniques</h1>"))
                #expect(html.contains("<li>l'assistant sceau-assistant installé") || html.contains("sceau-assistant"))
                #expect(!html.contains("Modifier cette page"))
                for path in ["/mentions-legales", "/conditions-utilisation"] {
                    #expect(
                        try await client.executeRequest(uri: path, method: .get, headers: [:], body: nil).status == .ok)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func aPlatformAdministratorReplacesTheTextShownEscaped(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await RequestEntityRepository(sql: sql).setPlatformAdministrator(admin.agentID, true)
                    }
                }
                #expect(try await admin.send(.get, "/mentions-legales/modifier").status == .ok)
                let empty = try await post(admin, client, "/mentions-legales/modifier", text: "  ")
                #expect(empty.status == .badRequest)
                #expect(String(buffer: empty.body).contains("texte-erreur"))
                let saved = try await post(
                    admin, client, "/mentions-legales/modifier",
                    text: "Éditeur : Ville A\n\n- <script>alert(1)</script>\n- second")
                #expect(saved.status == .seeOther)
                let page = try await admin.send(.get, "/mentions-legales?enregistre=1")
                let html = String(buffer: page.body)
                #expect(html.contains("<p>Éditeur : Ville A</p>"))
                #expect(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"))
                #expect(!html.contains("<script>alert(1)"))
                #expect(html.contains("Modifier cette page"))
                let journaled = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.select().column("action").from("journal")
                            .where("action", .equal, "legal-page.updated").all().count
                    }
                }
                #expect(journaled == 1)
            }
        }

        @Test(arguments: StorageBackend.available)
        func anAgentWithoutThePlatformRightIsRefused(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                #expect(try await admin.send(.get, "/conditions-utilisation/modifier").status == .forbidden)
                let refused = try await post(admin, client, "/conditions-utilisation/modifier", text: "Pris")
                #expect(refused.status == .forbidden)
                let page = try await client.executeRequest(
                    uri: "/conditions-utilisation", method: .get, headers: [:], body: nil)
                #expect(!String(buffer: page.body).contains("Pris"))
                #expect(String(buffer: page.body).contains("acceptation des présentes conditions"))
            }
        }

        /// A PDF beside the text: only a PDF, within the limit, by a platform administrator; public, journaled,
        /// withdrawn.
        @Test(arguments: StorageBackend.available)
        func aPlatformAdministratorUploadsAndWithdrawsAPDF(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                _ = try await harness.entity("Ville B", login: "admin-b")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let other = try await AgentClient.signIn(client, login: "admin-b")
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await RequestEntityRepository(sql: sql).setPlatformAdministrator(admin.agentID, true)
                    }
                }
                let pdf = Array("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)
                let upload = "/api/mentions-legales/document?nom=Mentions%20l%C3%A9gales.pdf"
                #expect(try await other.send(.post, upload, bytes: pdf).status == .forbidden)
                let notPDF = try await admin.send(.post, upload, bytes: Array("<html>bonjour</html>".utf8))
                #expect(notPDF.status == .badRequest)
                #expect(String(buffer: notPDF.body).contains("n'est pas un PDF"))
                let named = try await admin.send(.post, "/api/mentions-legales/document?nom=texte.txt", bytes: pdf)
                #expect(named.status == .badRequest)
                let huge = try await admin.send(
                    .post, upload, bytes: Array(repeating: 0x25, count: Int(LegalDocument.maximumSize) + 1))
                #expect(huge.status == .contentTooLarge)
                #expect(
                    try await client.executeRequest(
                        uri: "/mentions-legales/document", method: .get, headers: [:], body: nil
                    ).status == .notFound)

                #expect(try await admin.send(.post, upload, bytes: pdf).status == .created)
                let page = String(
                    buffer: try await client.executeRequest(
                        uri: "/mentions-legales", method: .get, headers: [:], body: nil
                    ).body)
                #expect(
                    page.contains(#"<a href="/mentions-legales/document">Mentions légales.pdf</a> — PDF, 48 octets"#))
                let download = try await client.executeRequest(
                    uri: "/mentions-legales/document", method: .get, headers: [:], body: nil)
                #expect(download.status == .ok)
                #expect(download.headers[.contentType] == "application/pdf")
                #expect(
                    download.headers[.contentDisposition]
                        == "inline; filename=\"Mentions l_gales.pdf\"; filename*=UTF-8''Mentions%20l%C3%A9gales.pdf")
                #expect(Array(buffer: download.body) == pdf)
                #expect(
                    String(buffer: try await admin.send(.get, "/mentions-legales/modifier").body)
                        .contains("Remplacer par un autre PDF"))

                let withdrawn = try await admin.client.executeRequest(
                    uri: "/mentions-legales/document/supprimer", method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded", .cookie: admin.cookie,
                        SessionMiddleware.csrfHeader: admin.csrfToken,
                    ], body: ByteBuffer(string: ""))
                #expect(withdrawn.status == .seeOther)
                #expect(
                    try await client.executeRequest(
                        uri: "/mentions-legales/document", method: .get, headers: [:], body: nil
                    ).status == .notFound)
                let actions = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.select().column("action").from("journal")
                            .where("action", .like, "legal-page.document-%").orderBy("sequence")
                            .all(decodingColumn: "action", as: String.self)
                    }
                }
                #expect(actions == ["legal-page.document-uploaded", "legal-page.document-removed"])
            }
        }

        @Test(arguments: StorageBackend.available)
        func everyAudiencesFooterLinksTheLegalPages(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                var pages = [try await admin.send(.get, "/espace-agent/mon-compte")]
                for path in ["/", "/entreprise/connexion", "/demarches"] {
                    pages.append(try await client.executeRequest(uri: path, method: .get, headers: [:], body: nil))
                }
                for page in pages {
                    #expect(page.status == .ok)
                    let html = String(buffer: page.body)
                    for legal in LegalPage.allCases {
                        #expect(html.contains("<a href=\"\(legal.path)\">\(legal.title)</a>"))
                    }
                }
            }
        }
    }
}
