import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PlatformKernel

/// The consultation's documents as JSON and files: agents list the versions, upload each document
/// (`PUT /api/consultations/:id/documents/:kind`, the DCE also by `PUT …/dce`) and fetch any version; bidders
/// download the current règlement and autres pièces (`/api/public/consultations/:reference/documents/:kind`) and
/// the DCE, whole or in part (`…/dce?fichier=N…`, served by ``DepositController``). See docs/openapi.yaml.
package struct DocumentController: Sendable {
    package let documents: DocumentService

    package init(documents: DocumentService) {
        self.documents = documents
    }

    /// One version as the API shows it.
    package struct DocumentView: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let kind: String
        package let version: Int64
        package let name: String
        package let size: Int64
        package let sha256: String
        package let uploadedAt: Int64

        package init(_ document: ConsultationDocument) {
            id = document.id ?? 0
            kind = document.kind.rawValue
            version = document.version
            name = document.name
            size = document.size
            sha256 = document.sha256
            uploadedAt = document.uploadedAt
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api", context: AgentRequestContext.self)
        api.get("consultations/:id/documents", use: list)
        api.put("consultations/:id/documents/:kind", use: upload)
        api.get("consultations/:id/documents/versions/:version", use: downloadVersion)
        router.group("api").get("public/consultations/:reference/documents/:kind", use: withdraw)
    }

    @Sendable package func list(_ request: Request, context: AgentRequestContext) async throws -> [DocumentView] {
        try await documents.versions(
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority
        ).map(DocumentView.init)
    }

    @Sendable package func upload(_ request: Request, context: AgentRequestContext) async throws -> DocumentView {
        guard let kind = ConsultationDocumentKind(rawValue: try context.parameters.require("kind")) else {
            throw DomainError.notFound(what: "Document")
        }
        return DocumentView(
            try await documents.attach(
                kind, name: request.uri.queryParameters["nom"].map(String.init), body: request.body,
                announcedSize: request.headers[.contentLength].flatMap { Int64($0) },
                to: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority))
    }

    @Sendable package func downloadVersion(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let document = try await documents.version(
            try context.parameters.require("version", as: Int64.self),
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        return try await file(document)
    }

    @Sendable package func withdraw(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        guard let kind = ConsultationDocumentKind(rawValue: try context.parameters.require("kind")) else {
            throw DomainError.notFound(what: "Document")
        }
        let withdrawal = try await documents.withdraw(
            kind, reference: try context.parameters.require("reference"), by: context.bidder)
        return try await file(withdrawal.document)
    }

    /// The whole file of `document`, as an attachment under its name.
    package func file(_ document: ConsultationDocument) async throws -> Response {
        guard let hash = ContentHash(hex: document.sha256) else { throw DomainError.notFound(what: "Document") }
        let slice = try await documents.files.read(hash)
        return Response(
            status: .ok,
            headers: [
                .contentType: Self.contentType(of: document.name),
                .contentDisposition: ContentDisposition.attachment.header(fileName: document.name),
                .contentLength: String(slice.count),
            ],
            body: ResponseBody(asyncSequence: slice))
    }

    /// The partial DCE of `withdrawal`, streamed from the stored archive.
    package func partial(_ withdrawal: DocumentService.Withdrawal) throws -> Response {
        guard let subset = withdrawal.subset, let hash = ContentHash(hex: withdrawal.document.sha256) else {
            throw DomainError.notFound(what: "DCE")
        }
        let files = documents.files
        let reference = withdrawal.consultation.reference.value.replacingOccurrences(of: "/", with: "_")
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: ContentDisposition.attachment.header(fileName: "DCE_\(reference)_partiel.zip"),
            ],
            body: ResponseBody(contentLength: Int(subset.size)) { writer in
                for segment in subset.segments {
                    switch segment {
                    case .bytes(let bytes): try await writer.write(ByteBuffer(bytes: bytes))
                    case .original(let range):
                        guard !range.isEmpty else { continue }
                        for try await chunk in try await files.read(hash, range: range) {
                            try await writer.write(chunk)
                        }
                    }
                }
                try await writer.finish(nil)
            })
    }

    private static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last?.lowercased() ?? "" {
        case "zip": "application/zip"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
