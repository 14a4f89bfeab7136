import Foundation
import NIOCore
import SQLKit

/// The legal pages: anyone reads them; only a platform administrator (told by ``isPlatformAdministrator``,
/// wired by the application) replaces their text or uploads a PDF beside it, each change journaled.
package struct LegalPageService: Sendable {
    package let database: Database
    /// Where the uploaded PDFs are kept; without it, none can be uploaded.
    package var files: FileStore?
    /// Whether an agent administers the whole platform; nobody does unless the application says so.
    package var isPlatformAdministrator: @Sendable (Int64) async throws -> Bool = { _ in false }
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }
    /// The longest text accepted, in characters.
    package static let maximumLength = 20_000

    package init(database: Database) {
        self.database = database
    }

    /// The page's current text: the saved one, else the shipped one.
    package func text(of page: LegalPage) async throws -> String {
        try await database.session { sql in try await LegalPageRepository(sql: sql).text(of: page) }
            ?? page.defaultText
    }

    /// Refuses (403) an agent who does not administer the platform.
    package func checkEditor(_ agentID: Int64) async throws {
        guard try await isPlatformAdministrator(agentID) else {
            throw DomainError.forbidden(
                reason: "Seul un administrateur de la plateforme peut modifier cette page. Demandez-lui de le faire.")
        }
    }

    /// Replaces the page's text and journals the change.
    package func save(_ text: String, of page: LegalPage, by agentID: Int64) async throws {
        try await checkEditor(agentID)
        let text = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw DomainError.invalidField(field: "texte", reason: "Saisissez le texte de la page.")
        }
        guard text.count <= Self.maximumLength else {
            throw DomainError.invalidField(
                field: "texte", reason: "Le texte dépasse \(Self.maximumLength) caractères ; raccourcissez-le.")
        }
        let now = clock()
        try await database.transaction { sql in
            try await LegalPageRepository(sql: sql).save(text, of: page, by: agentID, at: now)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), subject: JournalSubject(kind: "legal-page", id: page.journalID),
                    action: .legalPageUpdated, details: ["page": page.rawValue, "length": String(text.count)]),
                at: now)
        }
    }
}

extension LegalPageService {
    /// The PDF offered beside the page, if any.
    package func document(of page: LegalPage) async throws -> LegalDocument? {
        try await database.session { sql in try await LegalPageRepository(sql: sql).document(of: page) }
    }

    /// Stores `body` (at most ``LegalDocument/maximumSize``, starting as a PDF) as the page's PDF, replacing the
    /// previous one, and journals it.
    @discardableResult
    package func upload<Body: AsyncSequence & Sendable>(
        _ body: Body, name: String, announcedSize: Int64?, of page: LegalPage, by agentID: Int64
    ) async throws -> LegalDocument where Body.Element == ByteBuffer {
        try await checkEditor(agentID)
        let fileName = try LegalDocument.checkName(name)
        guard let files else {
            throw DomainError.conflict(reason: "Cette plateforme ne conserve pas de fichiers : saisissez le texte.")
        }
        if let announcedSize, announcedSize > LegalDocument.maximumSize { throw LegalDocument.tooLarge }
        let stored: StoredFile
        do {
            stored = try await files.put(body, upTo: LegalDocument.maximumSize) { path in
                try LegalDocument.checkContent(atPath: path)
            }
        } catch FileStoreError.tooLarge {
            throw LegalDocument.tooLarge
        }
        let now = clock()
        let document = LegalDocument(
            page: page, fileName: fileName, size: stored.size, sha256: stored.hash.hex, uploadedBy: agentID,
            uploadedAt: now)
        try await database.transaction { sql in
            try await LegalPageRepository(sql: sql).save(document)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), subject: JournalSubject(kind: "legal-page", id: page.journalID),
                    action: .legalDocumentUploaded,
                    details: [
                        "page": page.rawValue, "file": fileName, "size": String(stored.size),
                        "sha256": stored.hash.hex,
                    ]),
                at: now)
        }
        return document
    }

    /// Withdraws the page's PDF and journals it.
    package func removeDocument(of page: LegalPage, by agentID: Int64) async throws {
        try await checkEditor(agentID)
        let now = clock()
        try await database.transaction { sql in
            let repository = LegalPageRepository(sql: sql)
            guard let document = try await repository.document(of: page) else {
                throw DomainError.notFound(what: "Document")
            }
            try await repository.removeDocument(of: page)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), subject: JournalSubject(kind: "legal-page", id: page.journalID),
                    action: .legalDocumentRemoved,
                    details: ["page": page.rawValue, "file": document.fileName, "sha256": document.sha256]),
                at: now)
        }
    }

    /// The page's PDF and its bytes, streamed from the store.
    package func documentFile(of page: LegalPage) async throws -> (LegalDocument, FileSlice) {
        guard let files, let document = try await document(of: page), let hash = ContentHash(hex: document.sha256)
        else { throw DomainError.notFound(what: "Document") }
        return (document, try await files.read(hash))
    }
}

extension LegalPage {
    /// The page's number in the journal's subject (`legal-page 1`…): never renumber one that shipped.
    package var journalID: Int64 {
        switch self {
        case .legalNotice: 1
        case .termsOfUse: 2
        case .technicalRequirements: 3
        }
    }
}

extension JournalAction {
    package static let legalPageUpdated: JournalAction = "legal-page.updated"
    package static let legalDocumentUploaded: JournalAction = "legal-page.document-uploaded"
    package static let legalDocumentRemoved: JournalAction = "legal-page.document-removed"
}
