import CoreSignatures
import CoreTokens
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing
import X509

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement

/// « Vérifier une signature » on the server (`POST /api/signatures/verify`): a PDF signed in process (PAdES, by a
/// self-signed certificate the platform trusts) is « valide », the same PDF altered after signing « invalide »;
/// an upload above the limit, a file holding no signature and an empty body are refused in French; an anonymous
/// request is refused, an agent's and a company's session are served. And the tools' pages, for both audiences.
@Suite struct SignatureCheckWebTests {
    /// A signer whose self-signed certificate is for signing, and a PDF it signed (PAdES B-B).
    struct Signed {
        let certificate: Certificate
        let pdf: [UInt8]
    }

    static func signedPDF() async throws -> Signed {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("Anne Dupont") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(86_400 * 30),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                KeyUsage(digitalSignature: true, nonRepudiation: true, keyCertSign: true)
            },
            issuerPrivateKey: .init(key))
        let signing = try SoftwareSigningKey(pkcs8: Array(key.derRepresentation), certificate: certificate)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-signature-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("offre.pdf")
        try Data(TextPDF.document("Offre de Bâtiments Durand", title: "Offre")).write(to: source)
        let signed = try await DocumentSigner(key: signing, format: .pades).sign(source, outputDirectory: folder)
        return Signed(certificate: certificate, pdf: Array(try Data(contentsOf: signed)))
    }

    /// Runs `body` with a platform trusting `anchor` and verifying 64 KiB at most, an agent and a company's bidder.
    static func withPlatform(
        trusting anchor: Certificate,
        _ body: @escaping @Sendable (any TestClientProtocol, AgentClient, AgentClient) async throws -> Void
    ) async throws {
        let limited: @Sendable (inout PlatformConfiguration) -> Void = {
            $0.signatureCheck = SignatureCheckService(trustAnchors: [anchor], maximumSize: 64 << 10)
        }
        try await PlatformHarness.run(.sqlite, configure: limited) { harness, client in
            _ = try await harness.entity("Ville de Sceaux", login: "admin")
            let agent = try await AgentClient.signIn(client, login: "admin")
            let registration = try JSONEncoder().encode(
                CompanyController.Registration(
                    name: "Bâtiments Durand SARL", siret: "44306184100047", address: "Marseille",
                    bidder: APIModels.NewAgent(
                        civility: .monsieur, lastName: "Durand", firstName: "Paul", email: "paul@durand.invalid",
                        login: "durand", password: PlatformHarness.password)))
            let created = try await client.executeRequest(
                uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(data: registration))
            try #require(created.status == .created)
            let bidder = try await AgentClient.signIn(client, login: "durand", bidder: true)
            try await body(client, agent, bidder)
        }
    }

    static func reports(_ response: TestResponse) throws -> [SignatureCheckReport] {
        try JSONDecoder().decode(SignatureCheckAnswer.self, from: Data(buffer: response.body)).reports
    }

    static func message(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func aSignedPDFIsValidAndAnAlteredOneInvalid() async throws {
        let signed = try await Self.signedPDF()
        try await Self.withPlatform(trusting: signed.certificate) { _, agent, bidder in
            let valid = try await agent.send(.post, "/api/signatures/verify?fileName=offre.pdf", bytes: signed.pdf)
            #expect(valid.status == .ok, "\(Self.message(valid))")
            let reports = try Self.reports(valid)
            #expect(reports.count == 1)
            #expect(reports.first?.verdict == "VALID", "\(reports)")
            #expect(reports.first?.format == "pades")
            #expect(reports.first?.signer?.contains("Anne Dupont") == true)
            #expect(reports.first?.claimedSigningTime != nil)

            // One byte of the signed text changed (outside the signature's /Contents): the digest no longer matches.
            var altered = signed.pdf
            let text = Array("Offre de".utf8)
            let at = try #require(
                (0...(altered.count - text.count)).first { Array(altered[$0..<($0 + text.count)]) == text })
            altered[at] = UInt8(ascii: "X")
            let tampered = try await bidder.send(.post, "/api/signatures/verify?fileName=offre.pdf", bytes: altered)
            #expect(tampered.status == .ok, "\(Self.message(tampered))")
            #expect(try Self.reports(tampered).map(\.verdict) == ["INVALID"])
        }
    }

    @Test func refusesWhatIsNotASignatureTooLargeOrEmpty() async throws {
        let signed = try await Self.signedPDF()
        try await Self.withPlatform(trusting: signed.certificate) { _, agent, _ in
            let plain = try await agent.send(
                .post, "/api/signatures/verify?fileName=note.pdf", bytes: TextPDF.document("Pas de signature"))
            #expect(plain.status == .badRequest)
            #expect(Self.message(plain).contains("ne contient aucune signature électronique"))
            let garbage = try await agent.send(
                .post, "/api/signatures/verify?fileName=offre.p7s", bytes: Array("pas une signature".utf8))
            #expect(garbage.status == .badRequest)

            let large = try await agent.send(
                .post, "/api/signatures/verify?fileName=gros.pdf", bytes: [UInt8](repeating: 0x25, count: 65 << 10))
            #expect(large.status == .contentTooLarge)
            #expect(Self.message(large).contains("64 Kio"), "\(Self.message(large))")

            let empty = try await agent.send(.post, "/api/signatures/verify?fileName=vide.pdf", bytes: [])
            #expect(empty.status == .badRequest)
            #expect(Self.message(empty).contains("Le fichier est vide"))
        }
    }

    @Test func anonymousIsRefusedAgentsAndCompaniesAreServed() async throws {
        let signed = try await Self.signedPDF()
        try await Self.withPlatform(trusting: signed.certificate) { client, agent, bidder in
            let anonymous = try await client.executeRequest(
                uri: "/api/signatures/verify?fileName=offre.pdf", method: .post,
                headers: [.contentType: "application/octet-stream"], body: ByteBuffer(bytes: signed.pdf))
            #expect(anonymous.status == .unauthorized)
            // A session without its CSRF token is refused too.
            let forged = try await agent.send(
                .post, "/api/signatures/verify?fileName=offre.pdf", bytes: signed.pdf, csrf: false)
            #expect(forged.status == .forbidden)

            for (user, space) in [(agent, "/espace-agent/outils"), (bidder, "/entreprise/outils")] {
                for path in [space, "\(space)/configuration", "\(space)/signer", "\(space)/verifier"] {
                    let page = try await user.send(.get, path)
                    #expect(page.status == .ok, "\(path)")
                    #expect(String(buffer: page.body).contains("Outils du poste"), "\(path)")
                }
            }
            let verifier = String(buffer: try await bidder.send(.get, "/entreprise/outils/verifier").body)
            #expect(verifier.contains("64 Kio au plus"))
            #expect(verifier.contains("assistant est hors ligne"))
            // The other audience's tools need its own session.
            #expect(try await bidder.send(.get, "/espace-agent/outils/signer").status != .ok)
            #expect(try await agent.send(.get, "/entreprise/outils/signer").status != .ok)
            let page = try await client.executeRequest(
                uri: "/entreprise/outils/verifier", method: .get, headers: [:], body: nil)
            #expect(page.status != .ok)
        }
    }
}
