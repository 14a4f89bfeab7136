import Foundation

/// One version of a consultation's document: replacing a document adds a version, the old ones stay.
package struct ConsultationDocument: Sendable, Codable, Equatable {
    package var id: Int64?
    package let consultationID: Int64
    package let kind: ConsultationDocumentKind
    /// 1 for the first upload, then one more per replacement.
    package let version: Int64
    /// The file's name as the agent uploaded it (its last path component).
    package let name: String
    package let size: Int64
    /// SHA-256 (lowercase hex) of the file in the file store.
    package let sha256: String
    package let uploadedAt: Int64
    package let agentID: Int64

    package init(
        id: Int64? = nil, consultationID: Int64, kind: ConsultationDocumentKind, version: Int64, name: String,
        size: Int64, sha256: String, uploadedAt: Int64, agentID: Int64
    ) {
        self.id = id
        self.consultationID = consultationID
        self.kind = kind
        self.version = version
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
        self.agentID = agentID
    }

    /// A file name safe to store and show: its last path component, without control characters, at most 200
    /// characters; `fallback` when nothing remains.
    package static func cleanName(_ raw: String?, fallback: String) -> String {
        let last = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(
            last.unicodeScalars.filter { !$0.properties.isWhitespace || $0 == " " }
                .filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)
        )
        .trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty, clean != ".", clean != ".." else { return fallback }
        return String(clean.prefix(200))
    }
}
