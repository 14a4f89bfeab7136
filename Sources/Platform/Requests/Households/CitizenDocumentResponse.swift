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
        let kind = viewable[fileExtension(fileName)] == nil ? "attachment" : "inline"
        let ascii = String(
            fileName.unicodeScalars.map {
                $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 && $0.value != 0x7F ? Character($0) : "_"
            })
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        let encoded = fileName.utf8.map { byte in
            allowed.contains(byte)
                ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
        return "\(kind); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
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
