import CorePlatformAPI
import CoreSeal
import Crypto
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

/// A consultation past its deadline, in "Ouverture et Analyse", with real sealed plis: company 1 deposited
/// twice (its first deposit superseded), company 2 once. Pli 1 is company 1's second deposit: two files in
/// "candidature" (one of several chunks), one of several chunks in "offre"; pli 2 is company 2's.
struct RemoteJobScenario {
    let base: DepositScenario
    let cityID: Int64
    /// Every stored sealed file by its id, with the plaintext it seals.
    let files: [Int64: SealedSample]
    /// Pli 1 and pli 2: their deposit ids.
    let plis: [Int64]
    /// A file of company 1's superseded deposit.
    let supersededFileID: Int64

    var admin: AgentClient { base.admin }
    var client: any TestClientProtocol { base.client }
    var consultationID: Int64 { base.consultationID }

    struct SealedSample: Sendable {
        let id: Int64
        let depositID: Int64
        let envelope: ConsultationEnvelope
        let name: String
        let plain: [UInt8]
        let sealed: [UInt8]
    }

    /// The files of pli `number` (1-based) in `envelope`.
    func files(pli number: Int, _ envelope: ConsultationEnvelope) -> [SealedSample] {
        files.values.filter { $0.depositID == plis[number - 1] && $0.envelope == envelope }
            .sorted { $0.id < $1.id }
    }

    static func make(
        _ harness: PlatformHarness, _ client: any TestClientProtocol,
        openingMode: ConsultationModalities.OpeningMode = .byResponse,
        envelopes: Set<ConsultationEnvelope> = [.application, .offer]
    ) async throws -> RemoteJobScenario {
        let base = try await DepositScenario.make(harness, client, openingMode: openingMode)
        if envelopes != [.application, .offer] {
            try await harness.withDatabase { database in
                try await database.transaction { sql in
                    try await sql.update("consultations")
                        .set("envelope_anonymity", to: Int64(envelopes.contains(.anonymity) ? 1 : 0))
                        .where("id", .equal, base.consultationID).run()
                }
            }
        }
        var files: [Int64: SealedSample] = [:]
        func deposit(_ bidder: AgentClient, _ contents: [(ConsultationEnvelope, String, Int)]) async throws -> Int64 {
            let id = try await bidder.startDeposit(base.reference)
            for (envelope, name, size) in contents {
                let (plain, sealed) = try base.sealedSample(size: size)
                let fileID = try await bidder.upload(id, envelope, name, sealed)
                files[fileID] = SealedSample(
                    id: fileID, depositID: id, envelope: envelope, name: name, plain: plain, sealed: sealed)
            }
            let completed = try await bidder.send(.post, "/api/deposits/\(id)/complete")
            try #require(completed.status == .ok, "\(String(buffer: completed.body))")
            return id
        }
        let extra: [(ConsultationEnvelope, String, Int)] =
            envelopes.contains(.anonymity) ? [(.anonymity, "anonymat.pdf.p7m", 1_000)] : []
        let first = try await deposit(
            base.bidder, [(.application, "dc1.pdf.p7m", 2_000), (.offer, "offre.pdf.p7m", 3_000)] + extra)
        let pli1 = try await deposit(
            base.bidder,
            [
                (.application, "kbis.pdf.p7m", 1_500_000), (.application, "dc2.pdf.p7m", 10_000),
                (.offer, "offre.pdf.p7m", 2_300_000),
            ] + extra)
        let registration = try await client.executeRequest(
            uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(
                data: try JSONEncoder().encode(
                    DatabaseTests.CompanyAPITests.registration(siret: "73282932000074", login: "bidder-2"))))
        try #require(registration.status == .created, "\(String(buffer: registration.body))")
        let second = try await AgentClient.signIn(client, login: "bidder-2", bidder: true)
        let pli2 = try await deposit(
            second, [(.application, "candidature.pdf.p7m", 100_000), (.offer, "offre.pdf.p7m", 300_000)] + extra)
        try await base.set(deadline: Timestamp.now() - 5, state: .openingAndAnalysis)
        let cityID = try await harness.withDatabase { database in
            try await database.session { sql in
                try await ConsultationRepository(sql: sql).require(id: base.consultationID).organisationID
            }
        }
        return RemoteJobScenario(
            base: base, cityID: cityID, files: files, plis: [pli1, pli2],
            supersededFileID: try #require(files.values.first { $0.depositID == first }?.id))
    }

    /// Asks for a job of `kind` as `agent` (the administrator by default) and returns the response.
    func requestJob(_ kind: PlatformAPI.RemoteJobKind, as agent: AgentClient? = nil) async throws -> TestResponse {
        try await (agent ?? admin).send(
            .post, "/api/consultations/\(consultationID)/jobs", json: RemoteJobController.NewJob(kind: kind))
    }

    /// A new job of `kind`, its offer and its verified descriptor.
    func job(_ kind: PlatformAPI.RemoteJobKind) async throws -> (
        PlatformAPI.RemoteJobOffer, PlatformAPI.RemoteJobDescriptor
    ) {
        let response = try await requestJob(kind)
        try #require(response.status == .created, "\(String(buffer: response.body))")
        let offer = try JSONDecoder().decode(PlatformAPI.RemoteJobOffer.self, from: Data(buffer: response.body))
        return (offer, try offer.verifiedDescriptor(publicKeyPEM: try await publicKeyPEM()))
    }

    /// A job of `kind` already claimed: its descriptor and credential.
    func claimedJob(_ kind: PlatformAPI.RemoteJobKind) async throws -> (PlatformAPI.RemoteJobDescriptor, String) {
        let (offer, descriptor) = try await job(kind)
        let claim = try await bearer(.post, PlatformAPI.RemoteJobRoute.claim(descriptor.id), offer.token)
        try #require(claim.status == .ok, "\(String(buffer: claim.body))")
        let credential = try JSONDecoder().decode(PlatformAPI.RemoteJobCredential.self, from: Data(buffer: claim.body))
        return (descriptor, credential.credential)
    }

    func publicKeyPEM() async throws -> String {
        let response = try await client.executeRequest(
            uri: "/api/platform/signing-key", method: .get, headers: [:], body: nil)
        try #require(response.status == .ok)
        return String(buffer: response.body)
    }

    /// A request of the assistant: `Authorization: Bearer <secret>`, no cookie.
    func bearer(
        _ method: HTTPRequest.Method, _ uri: String, _ secret: String?, json: (any Encodable)? = nil,
        bytes: [UInt8]? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let secret { headers[.authorization] = "Bearer \(secret)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        } else if let bytes {
            headers[.contentType] = "application/octet-stream"
            body = ByteBuffer(bytes: bytes)
        }
        return try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }

    /// The consultation's jobs as agents see them.
    func statuses(as agent: AgentClient? = nil) async throws -> [PlatformAPI.RemoteJobStatus] {
        try await (agent ?? admin).decode(
            [PlatformAPI.RemoteJobStatus].self, .get, "/api/consultations/\(consultationID)/jobs")
    }

    /// The content-encryption key of `sample`, unwrapped from its header with the service's key, as the
    /// assistant does with the token's.
    func contentKey(_ sample: SealedSample) throws -> ContentEncryptionKey {
        try PliEnvelope.inspect(firstBytes: Array(sample.sealed.prefix(16 << 10)))
            .contentEncryptionKey(with: base.recipientKeys)
    }

    /// Releases `key` for the file `fileID` of the job, as the assistant does.
    func release(_ key: ContentEncryptionKey, file fileID: Int64, job: String, credential: String) async throws
        -> TestResponse
    {
        try await bearer(
            .post, PlatformAPI.RemoteJobRoute.key(job, fileID), credential,
            json: PlatformAPI.ContentKeyRelease(contentEncryptionKey: key.base64))
    }

    /// Releases the right key of `sample` for the job; the platform decrypts it.
    @discardableResult
    func open(_ sample: SealedSample, job: String, credential: String) async throws -> PlatformAPI.DecryptedFile {
        let response = try await release(try contentKey(sample), file: sample.id, job: job, credential: credential)
        try #require(response.status == .ok, "\(String(buffer: response.body))")
        return try JSONDecoder().decode(PlatformAPI.DecryptedFile.self, from: Data(buffer: response.body))
    }

    /// The opening state of each envelope of `deposit` in the agents' deposit listing.
    func openings(of deposit: Int64) async throws -> [String: String] {
        struct Line: Decodable {
            struct Envelope: Decodable {
                let envelope: String
                let opening: String
            }
            let depositId: Int64
            let envelopes: [Envelope]
        }
        let lines = try await admin.decode([Line].self, .get, "/api/consultations/\(consultationID)/deposits")
        let line = try #require(lines.first { $0.depositId == deposit })
        return Dictionary(uniqueKeysWithValues: line.envelopes.map { ($0.envelope, $0.opening) })
    }

    /// The journal entries with `action`.
    func journal(_ action: JournalAction, harness: PlatformHarness) async throws -> [JournalEntry] {
        try await harness.withDatabase { database in
            try await database.session { sql in
                try await JournalRepository(sql: sql).entries(entity: cityID).filter { $0.event.action == action }
            }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).hex }
}

extension DepositScenario {
    /// `size` random bytes and the same sealed for the consultation's recipients.
    func sealedSample(size: Int) throws -> ([UInt8], [UInt8]) {
        let plain = scratch.appendingPathComponent(UUID().uuidString)
        let sealed = scratch.appendingPathComponent(UUID().uuidString + ".p7m")
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: plain)
        try PliSealer(recipients: recipients).seal(plain, to: sealed)
        return (bytes, Array(try Data(contentsOf: sealed)))
    }
}
