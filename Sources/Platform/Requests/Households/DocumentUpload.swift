import Hummingbird
import PlatformKernel

/// A document of a household's space posted as the request body with `?type=…&nom=…`: the citizen's
/// "Joindre ce fichier" (`POST /api/citoyen/documents`) and the counter's (`POST …/foyers/{id}/documents`).
package struct DocumentUpload {
    package let kind: String
    package let fileName: String
    package let stored: StoredFile

    package init(kind: String, fileName: String, stored: StoredFile) {
        self.kind = kind
        self.fileName = fileName
        self.stored = stored
    }

    /// Checks the kind and the name, then stores the body (at most
    /// ``FrontOfficeService/maximumDocumentSize``); an empty file is refused.
    package static func receive(_ request: Request, files: FileStore) async throws -> DocumentUpload {
        let parameters = request.uri.queryParameters
        let kind = parameters["type"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let name = parameters["nom"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !kind.isEmpty, !name.isEmpty, !name.contains("/") else {
            throw DomainError.invalidField(field: "Document", reason: "précisez le type de pièce et le nom du fichier.")
        }
        var request = request
        let body = try await request.collectBody(upTo: FrontOfficeService.maximumDocumentSize)
        guard body.readableBytes > 0 else {
            throw DomainError.invalidField(field: "Document", reason: "le fichier est vide.")
        }
        return DocumentUpload(kind: kind, fileName: name, stored: try await files.put(bytes: body.readableBytesView))
    }

    /// The answer: the document as added to the space (201).
    package func created(_ document: CitizenDocument) -> EditedResponse<FrontOfficeDocument> {
        EditedResponse(
            status: .created,
            response: FrontOfficeDocument(
                id: document.id ?? 0, kind: document.kind, fileName: document.fileName, sha256: document.sha256,
                size: stored.size, createdAt: document.createdAt))
    }
}
