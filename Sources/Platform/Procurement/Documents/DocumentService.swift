import Foundation
import NIOCore
import PlatformKernel
import SQLKit

/// A consultation's documents: agents upload and replace the DCE (a ZIP archive checked by
/// ``ZIPArchivePolicy``), the règlement de consultation and the autres pièces, each replacement a new version;
/// bidders withdraw them, the DCE whole or in part, every withdrawal recorded in the registre des retraits.
package struct DocumentService: Sendable {
    package let database: Database
    package let files: FileStore
    /// The largest file accepted, in bytes, for each document (`serve --max-dce-size`).
    package var maximumSize: Int64
    package var policy = ZIPArchivePolicy()

    package init(database: Database, files: FileStore, maximumSize: Int64 = RegisterService.defaultMaximumDCESize) {
        self.database = database
        self.files = files
        self.maximumSize = maximumSize
    }

    /// A withdrawal ready to be served: the consultation, the document and, for a partial DCE, the plan of the
    /// archive of the chosen files.
    package struct Withdrawal: Sendable {
        package let consultation: Consultation
        package let document: ConsultationDocument
        package let subset: ZIPSubset?
    }

    // MARK: - Agents

    /// Stores `body` (at most ``maximumSize`` bytes; the DCE must be an archive the policy accepts) as the next
    /// version of `kind`; for the DCE, it becomes the consultation's DCE. Nothing changes when it is refused.
    package func attach<Body: AsyncSequence & Sendable>(
        _ kind: ConsultationDocumentKind, name: String?, body: Body, announcedSize: Int64? = nil,
        to consultationID: Int64, by actor: AgentAuthority
    ) async throws -> ConsultationDocument where Body.Element == ByteBuffer {
        _ = try await database.session { sql in
            try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: actor, sql: sql)
        }
        let what = kind == .dce ? "Le DCE" : "Le fichier « \(kind.label) »"
        let previous = kind == .dce ? "le DCE précédent" : "la version précédente"
        let tooLarge = DomainError.tooLarge(
            reason: "\(what) dépasse \(FrenchByteCount.text(maximumSize)), la taille maximale : il n'est pas "
                + "enregistré et \(previous) reste en ligne. Réduisez-le (plans compressés, pièces en double "
                + "retirées) ou demandez à l'administrateur de la plateforme de relever la limite.")
        if let announcedSize, announcedSize > maximumSize { throw tooLarge }
        let policy = self.policy
        let stored: StoredFile
        do {
            stored = try await files.put(body, upTo: maximumSize) { path in
                guard kind == .dce else { return }
                try Self.checkArchive(path: path, policy: policy)
            }
        } catch FileStoreError.tooLarge {
            throw tooLarge
        }
        let name = ConsultationDocument.cleanName(name, fallback: kind.defaultFileName)
        return try await database.transaction { sql in
            let (_, path) = try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: actor, sql: sql)
            let document = try await DocumentRepository(sql: sql).add(
                consultationID: consultationID, kind: kind, name: name, stored: stored, agentID: actor.agentID,
                at: Timestamp.now())
            if kind == .dce {
                try await sql.update("consultations").set("dce_sha256", to: stored.hash.description)
                    .where("id", .equal, consultationID).run()
            }
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .consultation(consultationID),
                    action: kind == .dce ? "consultation.dce-attached" : "consultation.document-attached",
                    details: [
                        "document": kind.rawValue, "version": String(document.version), "name": name,
                        "sha256": stored.hash.description, "size": String(stored.size),
                    ]))
            return document
        }
    }

    /// Refuses a DCE that is not a ZIP archive or that the policy refuses.
    package static func checkArchive(path: String, policy: ZIPArchivePolicy) throws {
        do {
            try policy.check(try ZIPCentralDirectory.entries(of: try ZIPFile(path: path)))
        } catch let error as ZIPError {
            if case .unreadable = error {
                throw DomainError.invalidField(field: "DCE", reason: "Le DCE doit être une archive ZIP lisible.")
            }
            throw error.domainError
        }
    }

    /// Every version of the consultation's documents (right to read the consultation).
    package func versions(of consultationID: Int64, by actor: AgentAuthority) async throws -> [ConsultationDocument] {
        try await database.session { sql in
            _ = try await ConsultationService.access(consultationID, for: actor, sql: sql)
            return try await Self.versions(of: consultationID, sql: sql)
        }
    }

    /// One version, for an agent who may read the consultation.
    package func version(_ id: Int64, of consultationID: Int64, by actor: AgentAuthority) async throws
        -> ConsultationDocument
    {
        guard let document = try await versions(of: consultationID, by: actor).first(where: { $0.id == id }) else {
            throw DomainError.notFound(what: "Version du document")
        }
        return document
    }

    /// The versions, with a DCE attached before documents had versions shown as version 1.
    static func versions(of consultationID: Int64, sql: any SQLDatabase) async throws -> [ConsultationDocument] {
        var versions = try await DocumentRepository(sql: sql).versions(of: consultationID)
        if !versions.contains(where: { $0.kind == .dce }),
            let consultation = try await ConsultationRepository(sql: sql).find(id: consultationID),
            let hash = consultation.dceSHA256
        {
            versions.append(
                ConsultationDocument(
                    id: 0, consultationID: consultationID, kind: .dce, version: 1,
                    name: ConsultationDocumentKind.dce.defaultFileName, size: 0, sha256: hash,
                    uploadedAt: consultation.onlineFrom,
                    agentID: consultation.createdBy))
        }
        return versions
    }

    // MARK: - Bidders

    /// The current documents of an online consultation and the files of its DCE.
    package func published(reference: String) async throws -> (
        Consultation, [ConsultationDocumentKind: ConsultationDocument], [ZIPEntry]
    ) {
        let (consultation, current) = try await database.session { sql in
            let consultation = try await DepositService.onlineConsultation(reference, sql: sql)
            var current: [ConsultationDocumentKind: ConsultationDocument] = [:]
            for document in try await Self.versions(of: consultation.id ?? 0, sql: sql)
            where current[document.kind] == nil {
                current[document.kind] = document
            }
            return (consultation, current)
        }
        return (consultation, current, try current[.dce].map(entries(of:)) ?? [])
    }

    /// The files of a DCE, folders left out; empty when the archive cannot be read.
    package func entries(of document: ConsultationDocument) throws -> [ZIPEntry] {
        guard let hash = ContentHash(hex: document.sha256),
            let entries = try? ZIPCentralDirectory.entries(of: try ZIPFile(path: files.path(of: hash)))
        else { return [] }
        return DCESelection.files(of: entries)
    }

    /// The current `kind` of an online consultation, recorded in the registre des retraits (anonymous when no
    /// company is signed in, which only a public consultation allows).
    package func withdraw(_ kind: ConsultationDocumentKind, reference: String, by bidder: SignedInBidder?)
        async throws -> Withdrawal
    {
        let (consultation, current, _) = try await published(reference: reference)
        try DocumentAccess.checkWithdrawal(of: consultation, signedIn: bidder != nil)
        guard let document = current[kind] else {
            throw DomainError.notFound(what: "\(kind.label) de la consultation \(reference)")
        }
        try await record(consultation, document: kind.rawValue, entries: nil, bidder: bidder)
        return Withdrawal(consultation: consultation, document: document, subset: nil)
    }

    /// The files `numbers` (in ``DCESelection/files(of:)``) of the current DCE, as a ZIP archive of their own;
    /// recorded with the chosen files. `version`, when given, must still be the current DCE's.
    package func withdrawPart(numbers: [String], version: Int64?, reference: String, by bidder: SignedInBidder?)
        async throws
        -> Withdrawal
    {
        let (consultation, current, _) = try await published(reference: reference)
        try DocumentAccess.checkWithdrawal(of: consultation, signedIn: bidder != nil)
        guard let document = current[.dce], let hash = ContentHash(hex: document.sha256) else {
            throw DomainError.notFound(what: "DCE de la consultation \(reference)")
        }
        if let version, version != document.version {
            throw DomainError.conflict(
                reason: "Le DCE a été remplacé depuis l'affichage de la page : rechargez-la et cochez à nouveau.")
        }
        let source: ZIPFile
        let all: [ZIPEntry]
        do {
            source = try ZIPFile(path: files.path(of: hash))
            all = try ZIPCentralDirectory.entries(of: source)
        } catch let error as ZIPError {
            throw error.domainError
        }
        let chosen = try DCESelection.entries(numbered: numbers, in: all)
        let subset: ZIPSubset
        do { subset = try ZIPSubset(entries: chosen, of: source) } catch { throw error.domainError }
        try await record(consultation, document: "dce-partiel", entries: chosen.map(\.name), bidder: bidder)
        return Withdrawal(consultation: consultation, document: document, subset: subset)
    }

    private func record(
        _ consultation: Consultation, document: String, entries: [String]?, bidder: SignedInBidder?
    ) async throws {
        try await database.transaction { sql in
            try await DocumentRepository(sql: sql).recordWithdrawal(
                consultationID: consultation.id ?? 0, companyID: bidder?.company.id, bidderID: bidder?.bidder.id,
                document: document, entries: entries, at: Timestamp.now())
        }
    }
}
