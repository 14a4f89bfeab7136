import Foundation

/// A PDF a platform administrator uploaded for a legal page, offered for download beside the page's text.
package struct LegalDocument: Sendable, Equatable {
    package let page: LegalPage
    package let fileName: String
    package let size: Int64
    /// The stored file's SHA-256, its address in the ``FileStore``.
    package let sha256: String
    package let uploadedBy: Int64
    package let uploadedAt: Int64

    package init(page: LegalPage, fileName: String, size: Int64, sha256: String, uploadedBy: Int64, uploadedAt: Int64) {
        self.page = page
        self.fileName = fileName
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }

    /// The largest PDF accepted: 10 Mio.
    package static let maximumSize: Int64 = 10 << 20

    /// « 10 Mio », as the page states the limit.
    package static let maximumSizeLabel = FrenchByteCount.text(maximumSize)

    /// The name kept for the download: the uploaded one, trimmed, refused when it does not end in `.pdf`.
    package static func checkName(_ name: String) throws(DomainError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.lowercased().hasSuffix(".pdf"), trimmed.count > 4, trimmed.count <= 200,
            !trimmed.contains(where: { $0.isNewline || $0 == "/" || $0 == "\\" })
        else {
            throw .invalidField(field: "document", reason: "Choisissez un fichier PDF (nom se terminant par .pdf).")
        }
        return trimmed
    }

    /// Refuses a file that does not start as a PDF does (`%PDF-` within its first 1,024 bytes, as readers allow).
    package static func checkContent(atPath path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw notPDF }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1024)) ?? Data()
        guard head.range(of: Data("%PDF-".utf8)) != nil else { throw notPDF }
    }

    package static let notPDF = DomainError.invalidField(
        field: "document",
        reason: "Ce fichier n'est pas un PDF : enregistrez le document au format PDF, puis réessayez.")

    package static let tooLarge = DomainError.tooLarge(
        reason: "Le document dépasse \(maximumSizeLabel) : réduisez-le (images compressées), puis réessayez.")
}
