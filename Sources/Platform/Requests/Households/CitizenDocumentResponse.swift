import HTTPTypes
import Hummingbird
import PlatformKernel

/// How a citizen's stored document goes back to an agent: its media type read from the file name, shown in
/// the browser for PDF and images, downloaded otherwise, under its original name.
package enum CitizenDocumentResponse {
    /// The media types shown in the browser; any other file is downloaded as bytes.
    package static let viewable: [String: String] = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif",
    ]

    package static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!

    package static func mediaType(of fileName: String) -> String {
        viewable[fileExtension(fileName)] ?? "application/octet-stream"
    }

    /// `inline` for the viewable types, `attachment` otherwise, with the name in ASCII and in UTF-8.
    package static func disposition(of fileName: String) -> String {
        (viewable[fileExtension(fileName)] == nil ? ContentDisposition.attachment : .inline).header(fileName: fileName)
    }

    /// The document's bytes streamed from the file store.
    package static func response(_ document: CitizenDocument, files: FileStore) async throws -> Response {
        guard let hash = ContentHash(hex: document.sha256), try files.exists(hash) else {
            throw DomainError.notFound(what: "Fichier du document")
        }
        let slice = try await files.read(hash)
        return Response(
            status: .ok,
            headers: [
                .contentType: mediaType(of: document.fileName),
                .contentDisposition: disposition(of: document.fileName),
                .contentLength: String(slice.count),
                contentTypeOptions: "nosniff",
                .cacheControl: "private, no-store",
            ],
            body: ResponseBody(asyncSequence: slice))
    }

    private static func fileExtension(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        return fileName[fileName.index(after: dot)...].lowercased()
    }
}
