import Foundation
import SQLKit

/// The legal pages: anyone reads them; only a platform administrator (told by ``isPlatformAdministrator``,
/// wired by the application) replaces their text, each change journaled.
package struct LegalPageService: Sendable {
    package let database: Database
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
}
