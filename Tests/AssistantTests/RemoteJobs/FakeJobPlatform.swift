import CoreModel
import CorePlatformAPI
import CoreSeal
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A test double standing in for the platform's job routes (`PlatformAPI.RemoteJobRoute`: claim, ranged
/// file reads, progress, content keys), so that the assistant's side of remote jobs is tested while
/// the real platform side is built elsewhere, and so that faults can be injected: a chunk corrupted once
/// or always, a job token refused, keys refused. It signs its descriptors with a test P-256 key, counts the
/// sealed bytes it serves, records every progress report, and decrypts its sealed files with the keys it
/// receives, as the platform does.
actor FakeJobPlatform {
    typealias Descriptor = PlatformAPI.RemoteJobDescriptor

    /// One sealed file the platform holds, in its pli and envelope.
    struct StoredFile: Sendable {
        let id: Int64
        let pli: Int
        let company: String
        let envelope: String
        let name: String
        let bytes: Data
    }

    /// How a chunk is served wrong.
    enum Corruption: Sendable { case once, always }

    nonisolated let key = P256.Signing.PrivateKey()
    nonisolated var publicKeyPEM: String { key.publicKey.pemRepresentation }
    nonisolated let jobID = UUID().uuidString.lowercased()
    nonisolated let jobToken = "jeton-\(UUID().uuidString)"
    nonisolated let credential = "droit-\(UUID().uuidString)"
    let chunkSize: Int
    let files: [StoredFile]
    private(set) var origin = ""

    private(set) var claims = 0
    private var claimed = false
    private var corruptions: [String: Corruption] = [:]
    private(set) var bytesServed: Int64 = 0
    private(set) var chunksServed: [String] = []
    private(set) var progress: [PlatformAPI.RemoteJobProgress] = []
    /// The plaintexts decrypted with the keys received, by sealed file id.
    private(set) var plaintexts: [Int64: (name: String, bytes: Data)] = [:]
    /// The files whose key was received, in order (a key that did not decrypt included).
    private(set) var keysReceived: [Int64] = []
    /// Refuses every key with 400, as the platform refuses a key that does not decrypt.
    private var refusingKeys = false

    init(files: [StoredFile], chunkSize: Int = 64 * 1024) {
        self.files = files
        self.chunkSize = chunkSize
    }

    func refuseKeys() { refusingKeys = true }

    /// Waits until the assistant has been served some bytes (a process started under load may take
    /// seconds before its first request), for at most `timeout`; returns the bytes served so far.
    func firstBytesServed(timeout: Duration = .seconds(60)) async throws -> Int64 {
        let deadline = ContinuousClock.now + timeout
        while bytesServed == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return bytesServed
    }

    /// Serves `chunk` of `file` altered, once or every time.
    func corrupt(file: Int64, chunk: Int, _ mode: Corruption) { corruptions["\(file)/\(chunk)"] = mode }

    /// File reads still to answer with 503 (a platform overloaded for a moment).
    private var unavailableReads = 0
    private(set) var unavailableAnswered = 0

    /// Answers the next `count` file reads with 503.
    func failNextReads(_ count: Int) { unavailableReads = count }

    /// Marks the job token as spent (a job the assistant claimed earlier).
    func markClaimed() { claimed = true }

    /// The descriptor of a job of `kind` over every file, naming `platform` (default: this server).
    func descriptor(kind: PlatformAPI.RemoteJobKind, platform: String? = nil) -> Descriptor {
        var plis: [Descriptor.Pli] = []
        for number in Set(files.map(\.pli)).sorted() {
            let ofPli = files.filter { $0.pli == number }
            var envelopes: [Descriptor.Envelope] = []
            for kind in ofPli.map(\.envelope).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } {
                envelopes.append(
                    Descriptor.Envelope(
                        kind: kind, label: kind.capitalized,
                        files: ofPli.filter { $0.envelope == kind }.map(describe)))
            }
            plis.append(
                Descriptor.Pli(
                    number: number, depositID: Int64(number), company: ofPli[0].company, envelopes: envelopes))
        }
        let now = Int64(Date().timeIntervalSince1970)
        return Descriptor(
            id: jobID, kind: kind, platform: platform ?? origin,
            consultation: .init(id: 42, reference: "2026-AO-042", title: "Travaux de voirie"),
            requestedBy: "Agent Test", issuedAt: now, tokenExpiresAt: now + 600, chunkSize: chunkSize, plis: plis)
    }

    private func describe(_ file: StoredFile) -> Descriptor.File {
        let count = Descriptor.chunkCount(size: Int64(file.bytes.count), chunkSize: chunkSize)
        let chunks = (0..<count).map { index in
            let start = index * chunkSize
            return SHA256.hash(data: file.bytes[start..<min(file.bytes.count, start + chunkSize)]).hex
        }
        return Descriptor.File(
            id: file.id, name: file.name, size: Int64(file.bytes.count),
            sha256: SHA256.hash(data: file.bytes).hex,
            chunks: chunks)
    }

    /// The offer the platform hands the page, signed with its key (or `signer`), with its job token.
    func offer(
        kind: PlatformAPI.RemoteJobKind, platform: String? = nil, signer: P256.Signing.PrivateKey? = nil,
        token: String? = nil
    ) throws -> PlatformAPI.RemoteJobOffer {
        try PlatformAPI.RemoteJobOffer.signing(
            descriptor(kind: kind, platform: platform), with: signer ?? key, token: token ?? jobToken)
    }

    /// Runs `body` while the platform listens on a free loopback port.
    func serve(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let router = Router()
        router.post("api/jobs/:job/claim") { request, context in try await self.claim(request, context) }
        router.get("api/jobs/:job/files/:file") { request, context in try await self.read(request, context) }
        router.post("api/jobs/:job/progress") { request, context in try await self.record(request, context) }
        router.post("api/jobs/:job/files/:file/key") { request, context in try await self.open(request, context) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            guard let port = client.port else { throw HTTPError(.internalServerError) }
            await self.setOrigin("http://127.0.0.1:\(port)")
            try await body()
        }
    }

    private func setOrigin(_ origin: String) { self.origin = origin }

    // MARK: Routes

    private static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = #"{"error":{"message":"\#(message)"}}"#
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(value))))
    }

    private func authorised(_ request: Request, _ context: some RequestContext) -> Bool {
        request.headers[.authorization] == "Bearer \(credential)" && context.parameters.get("job") == jobID
    }

    private func claim(_ request: Request, _ context: some RequestContext) throws -> Response {
        claims += 1
        guard !claimed, request.headers[.authorization] == "Bearer \(jobToken)", context.parameters.get("job") == jobID
        else { return Self.refusal(.unauthorized, "Jeton de traitement invalide, expiré ou déjà utilisé.") }
        claimed = true
        return try Self.json(PlatformAPI.RemoteJobCredential(credential: credential, expiresAt: 4_000_000_000))
    }

    private func read(_ request: Request, _ context: some RequestContext) throws -> Response {
        guard authorised(request, context) else { return Self.refusal(.unauthorized, "Droit d'accès refusé.") }
        if unavailableReads > 0 {
            unavailableReads -= 1
            unavailableAnswered += 1
            return Self.refusal(.serviceUnavailable, "Plateforme surchargée.")
        }
        guard let id = context.parameters.get("file", as: Int64.self), let file = files.first(where: { $0.id == id })
        else { return Self.refusal(.notFound, "Fichier inconnu.") }
        guard let range = request.headers[.range], range.hasPrefix("bytes="),
            case let bounds = range.dropFirst(6).split(separator: "-"), bounds.count == 2,
            let first = Int(bounds[0]), let last = Int(bounds[1]), first <= last, last < file.bytes.count
        else { return Self.refusal(.rangeNotSatisfiable, "Plage invalide.") }
        var slice = Data(file.bytes[first...last])
        let chunk = first / chunkSize
        let key = "\(id)/\(chunk)"
        if let mode = corruptions[key] {
            slice[slice.startIndex] ^= 0xff
            if mode == .once { corruptions[key] = nil }
        }
        bytesServed += Int64(slice.count)
        chunksServed.append(key)
        return Response(
            status: .partialContent,
            headers: [
                .contentType: "application/octet-stream",
                .contentRange: "bytes \(first)-\(last)/\(file.bytes.count)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: slice)))
    }

    private func record(_ request: Request, _ context: some RequestContext) async throws -> Response {
        guard authorised(request, context) else { return Self.refusal(.unauthorized, "Droit d'accès refusé.") }
        let body = try await request.body.collect(upTo: 1 << 20)
        progress.append(try JSONDecoder().decode(PlatformAPI.RemoteJobProgress.self, from: Data(buffer: body)))
        return Response(status: .noContent)
    }

    /// Decrypts the stored sealed file with the key received, as the platform does.
    private func open(_ request: Request, _ context: some RequestContext) async throws -> Response {
        guard authorised(request, context), let id = context.parameters.get("file", as: Int64.self),
            let file = files.first(where: { $0.id == id })
        else { return Self.refusal(.unauthorized, "Droit d'accès refusé.") }
        let body = try await request.body.collect(upTo: 1 << 20)
        let release = try JSONDecoder().decode(PlatformAPI.ContentKeyRelease.self, from: Data(buffer: body))
        keysReceived.append(id)
        guard !refusingKeys, let key = ContentEncryptionKey(base64: release.contentEncryptionKey) else {
            return Self.refusal(.badRequest, "Cette clé ne déchiffre pas le fichier.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-fake-platform-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sealed = folder.appendingPathComponent("sealed.p7m")
        let plain = folder.appendingPathComponent("plain")
        try file.bytes.write(to: sealed)
        let digest: PliDigest
        do {
            digest = try PliOpener.open(sealed, to: plain, contentEncryptionKey: key)
        } catch {
            return Self.refusal(.badRequest, "Cette clé ne déchiffre pas le fichier.")
        }
        let name = String(file.name.dropLast(file.name.hasSuffix(".p7m") ? 4 : 0))
        plaintexts[id] = (name, try Data(contentsOf: plain))
        return try Self.json(
            PlatformAPI.DecryptedFile(
                fileID: id, name: name, size: digest.size, sha256: digest.sha256Hex, envelopeOpened: true))
    }
}
