import CorePlatformAPI
import CoreSeal
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PlatformKernel

/// Remote jobs (`docs/remote-jobs.md`). Agents' routes (session cookie and CSRF token): the platform's
/// public key, a new job, the consultation's jobs, the decrypted files. The assistant's routes under
/// `/api/jobs/:job/…` authenticate with `Authorization: Bearer` only: the one-time job token for the
/// claim, the job's credential for the rest.
package struct RemoteJobController: Sendable {
    package let jobs: RemoteJobService
    /// The origin written into descriptors when the request names none (`http://host:port`).
    package let defaultOrigin: String
    /// Claims, bytes served and progress reports, for `/metrics`.
    package var metrics = RemoteJobMetrics()

    package init(jobs: RemoteJobService, defaultOrigin: String) {
        self.jobs = jobs
        self.defaultOrigin = defaultOrigin
    }

    /// `POST /api/consultations/{id}/jobs`.
    package struct NewJob: Codable, Sendable {
        package let kind: PlatformAPI.RemoteJobKind
        /// The envelopes the job names; absent, every envelope the opening rules allow now.
        package let envelopes: [OpeningAPI.EnvelopeChoice]?

        package init(kind: PlatformAPI.RemoteJobKind, envelopes: [OpeningAPI.EnvelopeChoice]? = nil) {
            self.kind = kind
            self.envelopes = envelopes
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api")
        api.get("platform/signing-key") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: jobs.signingKey.publicKeyPEM)))
        }
        let agents = router.group("api", context: AgentRequestContext.self)
        agents.post("consultations/:id/jobs") { request, context in
            let signedIn = context.signedIn
            let body = try await request.decode(as: NewJob.self, context: context)
            let offer = try await jobs.create(
                body.kind, consultationID: try context.parameters.require("id", as: Int64.self),
                selection: body.envelopes?.map(\.reference), platform: requestOrigin(request, fallback: defaultOrigin),
                requestedBy: "\(signedIn.agent.firstName) \(signedIn.agent.lastName)",
                by: signedIn.authority)
            return EditedResponse(status: .created, response: offer)
        }
        agents.get("consultations/:id/jobs") { _, context in
            try await jobs.jobs(
                of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        }
        agents.get("deposits/:id/files/:file/plaintext") { _, context -> Response in
            let (name, size, hash) = try await jobs.plaintext(
                depositID: try context.parameters.require("id", as: Int64.self),
                fileID: try context.parameters.require("file", as: Int64.self), by: context.signedIn.authority
            )
            let slice = try await jobs.files.read(hash)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/octet-stream", .contentLength: String(size),
                    .contentDisposition: ContentDisposition.attachment.header(fileName: name),
                ], body: ResponseBody(asyncSequence: slice))
        }
        registerAssistantRoutes(on: router)
    }

    private func registerAssistantRoutes(on router: Router<PlatformRequestContext>) {
        let assistant = router.group("api/jobs", context: JobBearerRequestContext.self)
        assistant.post(":job/claim", use: claim)
        assistant.get(":job/files/:file", use: sealedFile)
        assistant.post(":job/progress", use: progress)
        assistant.post(":job/files/:file/key", use: releaseKey)
    }

    /// `POST /api/jobs/{job}/claim`: the one-time token buys the job's credential.
    @Sendable private func claim(_ request: Request, context: JobBearerRequestContext) async throws
        -> PlatformAPI.RemoteJobCredential
    {
        let credential = try await jobs.claim(try context.parameters.require("job"), token: context.bearer.secret)
        metrics.claimed.increment()
        return credential
    }

    /// `GET /api/jobs/{job}/files/{file}`: a sealed file the job names, whole or a byte range.
    @Sendable private func sealedFile(_ request: Request, context: JobBearerRequestContext) async throws -> Response {
        let job = try await jobs.authenticate(try context.parameters.require("job"), credential: context.bearer.secret)
        let file = try await jobs.sealedFile(try context.parameters.require("file", as: Int64.self), of: job)
        let range = try ByteRange(header: request.headers[.range], size: file.size)
        let slice = try await jobs.files.read(file.hash, range: range?.range)
        try await jobs.served(slice.count, for: job)
        metrics.bytesServed.increment(by: slice.count)
        var headers: HTTPFields = [
            .contentType: "application/pkcs7-mime", .acceptRanges: "bytes", .contentLength: String(slice.count),
            .contentDisposition: ContentDisposition.attachment.header(fileName: file.name),
        ]
        if let range { headers[.contentRange] = range.contentRange }
        return Response(
            status: range == nil ? .ok : .partialContent, headers: headers, body: ResponseBody(asyncSequence: slice))
    }

    /// `POST /api/jobs/{job}/progress`: the assistant's report, also once the job is over.
    @Sendable private func progress(_ request: Request, context: JobBearerRequestContext) async throws
        -> HTTPResponse.Status
    {
        let job = try await jobs.authenticate(
            try context.parameters.require("job"), credential: context.bearer.secret, whenOver: true)
        let progress = try await request.decode(as: PlatformAPI.RemoteJobProgress.self, context: context)
        try await jobs.report(progress, for: job)
        metrics.reported(progress.state)
        return .noContent
    }

    /// `POST /api/jobs/{job}/files/{file}/key`: the file's content-encryption key, released for an online
    /// opening; the platform decrypts its own stored file with it.
    @Sendable private func releaseKey(_ request: Request, context: JobBearerRequestContext) async throws
        -> PlatformAPI.DecryptedFile
    {
        let job = try await jobs.authenticate(try context.parameters.require("job"), credential: context.bearer.secret)
        let body = try await request.decode(as: PlatformAPI.ContentKeyRelease.self, context: context)
        // The key's value is never echoed: not in this message, not in a log line.
        guard let key = ContentEncryptionKey(base64: body.contentEncryptionKey) else {
            throw DomainError.invalidField(
                field: "contentEncryptionKey", reason: "Une clé AES en base64 : 16, 24 ou 32 octets.")
        }
        return try await jobs.open(try context.parameters.require("file", as: Int64.self), with: key, for: job)
    }
}

extension PlatformAPI.RemoteJobOffer: ResponseEncodable {}
extension PlatformAPI.RemoteJobCredential: ResponseEncodable {}
extension PlatformAPI.RemoteJobStatus: ResponseEncodable {}
extension PlatformAPI.DecryptedFile: ResponseEncodable {}
