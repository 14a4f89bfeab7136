import CorePlatformAPI
import CoreSeal
import CoreTokens
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing
import X509

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A consultation online with two envelopes, a personal and a backup key, an administrator who is PRM,
/// and a registered company signed in: everything a deposit test starts from.
struct DepositScenario {
    let harness: PlatformHarness
    let client: any TestClientProtocol
    let admin: AgentClient
    let bidder: AgentClient
    let consultationID: Int64
    let reference: String
    let recipients: [Certificate]
    /// The private keys of `recipients`, in the same order: what the agents' tokens hold.
    let recipientKeys: [SoftwareDecryptionKey]
    let scratch: URL

    static func make(
        _ harness: PlatformHarness, _ client: any TestClientProtocol, reference: String = "AOO_2026_042",
        company: (siret: String, login: String) = ("44306184100047", "bidder-1"),
        openingMode: ConsultationModalities.OpeningMode = .byResponse
    ) async throws -> DepositScenario {
        let city = try await harness.entity("Ville A", login: "admin-a")
        let admin = try await AgentClient.signIn(client, login: "admin-a")
        var recipients: [Certificate] = []
        var recipientKeys: [SoftwareDecryptionKey] = []
        for (name, kind) in [("Ville A chiffrement", EncryptionKey.Kind.personal), ("Coffre", .backup)] {
            let (pem, key) = try EncryptionCertificate.makeWithKey(commonName: name)
            recipients.append(try Certificate(pemEncoded: pem))
            recipientKeys.append(key)
            let added = try await admin.send(
                .post, "/api/organisations/\(city)/keys", json: APIModels.NewKey(certificate: pem, kind: kind))
            try #require(added.status == .created)
        }
        let role = try await admin.send(
            .put, "/api/agents/\(admin.agentID)/roles/\(city)",
            json: APIModels.Roles(roles: [.contractingAuthority]))
        try #require(role.status == .noContent)
        let now = Timestamp.now()
        let consultationID = try await harness.withDatabase { database in
            try await database.transaction { sql in
                var consultation = Consultation(
                    reference: try ConsultationReference(reference), organisationID: city, createdBy: admin.agentID,
                    contractType: .publicContract, procedureType: .openTender, category: .works,
                    title: "Réfection de la toiture", object: "Couverture et étanchéité", placeOfExecution: "Paris",
                    cpv: try CPVCode("45210000-2"), deadline: now + 3600, onlineFrom: now - 60)
                consultation.modalities.envelopes = [.application, .offer]
                // « Par réponse » unless asked: a pli's candidature and offer open together (« Ouverture et Analyse »).
                consultation.modalities.openingMode = openingMode
                let saved = try await ConsultationRepository(sql: sql).create(consultation, at: now - 120)
                let id = try #require(saved.id)
                try await sql.update("consultations").set("state", to: ConsultationState.consultation.rawValue)
                    .where("id", .equal, id).run()
                return id
            }
        }
        let registration = try await client.executeRequest(
            uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(
                data: try JSONEncoder().encode(
                    DatabaseTests.CompanyAPITests.registration(siret: company.siret, login: company.login))))
        try #require(registration.status == .created)
        let bidder = try await AgentClient.signIn(client, login: company.login, bidder: true)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-deposit-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return DepositScenario(
            harness: harness, client: client, admin: admin, bidder: bidder, consultationID: consultationID,
            reference: reference, recipients: recipients, recipientKeys: recipientKeys, scratch: scratch)
    }

    /// `size` random bytes sealed for `recipients` (all of the consultation's by default); returns the sealed bytes.
    func sealed(size: Int, for recipients: [Certificate]? = nil) throws -> [UInt8] {
        let plain = scratch.appendingPathComponent(UUID().uuidString)
        let sealed = scratch.appendingPathComponent(UUID().uuidString + ".p7m")
        var generator = SystemRandomNumberGenerator()
        try Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: plain)
        try PliSealer(recipients: recipients ?? self.recipients).seal(plain, to: sealed)
        return Array(try Data(contentsOf: sealed))
    }

    /// Sets the consultation's deadline and state directly, as time passing and the agents' moves would.
    func set(deadline: Int64? = nil, state: ConsultationState? = nil) async throws {
        try await harness.withDatabase { database in
            try await database.transaction { sql in
                var update = sql.update("consultations").where("id", .equal, consultationID)
                if let deadline { update = update.set("deadline", to: deadline) }
                if let state { update = update.set("state", to: state.rawValue) }
                try await update.run()
            }
        }
    }

    func cleanUp() { try? FileManager.default.removeItem(at: scratch) }
}

/// The steps of a deposit through the API, as the assistant takes them.
extension AgentClient {
    func startDeposit(_ reference: String) async throws -> Int64 {
        try await decode(
            PlatformAPI.Deposit.self, .post, "/api/deposits",
            json: PlatformAPI.NewDeposit(consultation: reference), status: .created
        ).id
    }

    func announce(_ deposit: Int64, _ envelope: ConsultationEnvelope, _ name: String, _ bytes: [UInt8]) async throws
        -> TestResponse
    {
        try await send(
            .post, "/api/deposits/\(deposit)/files",
            json: PlatformAPI.SealedFile(
                envelope: envelope.rawValue, name: name, size: Int64(bytes.count),
                sha256: SHA256.hash(data: bytes).hex))
    }

    /// Announces and uploads a whole file, chunks in `order` (all, in order, by default); returns the file id.
    @discardableResult
    func upload(
        _ deposit: Int64, _ envelope: ConsultationEnvelope, _ name: String, _ bytes: [UInt8], order: [Int]? = nil
    )
        async throws -> Int64
    {
        let announced = try await announce(deposit, envelope, name, bytes)
        try #require(announced.status == .created, "\(String(buffer: announced.body))")
        let file = try JSONDecoder().decode(PlatformAPI.DepositFile.self, from: Data(buffer: announced.body))
        for index in order ?? Array(0..<file.chunkCount) {
            let chunk = Array(bytes[(index * file.chunkSize)..<min(bytes.count, (index + 1) * file.chunkSize)])
            let sent = try await putChunk(deposit, file.id, index, chunk)
            try #require(sent.status == .noContent, "chunk \(index): \(String(buffer: sent.body))")
        }
        return file.id
    }

    func putChunk(_ deposit: Int64, _ file: Int64, _ index: Int, _ chunk: [UInt8], hash: String? = nil) async throws
        -> TestResponse
    {
        var headers = HTTPFields()
        headers[DepositController.chunkHashHeader] =
            hash ?? SHA256.hash(data: chunk).hex
        return try await send(
            .put, "/api/deposits/\(deposit)/files/\(file)/chunks/\(index)", bytes: chunk, headers: headers)
    }
}
