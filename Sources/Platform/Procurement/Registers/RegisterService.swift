import CorePlatformAPI
import Foundation
import NIOCore
import PlatformKernel
import SQLKit

/// The registers of a consultation (dépôts, retraits), the DCE, and access to the sealed files for
/// opening: only with the opening right, only once the deadline has passed, every access journaled.
package struct RegisterService: Sendable {
    package let database: Database
    package let files: FileStore
    /// The largest DCE accepted, in bytes (`serve --max-dce-size`).
    package var maximumDCESize: Int64 = RegisterService.defaultMaximumDCESize

    package init(
        database: Database, files: FileStore, maximumDCESize: Int64 = RegisterService.defaultMaximumDCESize
    ) {
        self.database = database
        self.files = files
        self.maximumDCESize = maximumDCESize
    }

    /// 500 MiB.
    package static let defaultMaximumDCESize: Int64 = 500 << 20

    /// One line of the registre des dépôts.
    package struct DepositLine: Sendable, Codable {
        package let depositId: Int64
        package let companyName: String
        package let siret: String
        package let state: Deposit.State
        package let startedAt: Int64
        package let completedAt: Int64?
        package let files: [DepositFile]
        /// Each envelope of the deposit and whether it was opened online.
        package let envelopes: [EnvelopeState]

        package init(
            depositId: Int64, companyName: String, siret: String, state: Deposit.State, startedAt: Int64,
            completedAt: Int64?, files: [DepositFile], envelopes: [EnvelopeState]
        ) {
            self.depositId = depositId
            self.companyName = companyName
            self.siret = siret
            self.state = state
            self.startedAt = startedAt
            self.completedAt = completedAt
            self.files = files
            self.envelopes = envelopes
        }
    }

    /// The opening state of one envelope of a deposit.
    package struct EnvelopeState: Sendable, Codable, Equatable {
        package let envelope: ConsultationEnvelope
        package let opening: PlatformAPI.EnvelopeOpening

        package init(envelope: ConsultationEnvelope, opening: PlatformAPI.EnvelopeOpening) {
            self.envelope = envelope
            self.opening = opening
        }
    }

    package func deposits(of consultationID: Int64, by actor: AgentAuthority) async throws -> [DepositLine] {
        try await database.session { sql in
            _ = try await ConsultationAccess.require(
                .viewRegisters, consultationID: consultationID, actor: actor, sql: sql)
            let repository = DepositRepository(sql: sql)
            let companies = CompanyRepository(sql: sql)
            let deposits = try await repository.deposits(of: consultationID)
            let opened = try await RemoteJobRepository(sql: sql).openedEnvelopes(of: deposits.compactMap(\.id))
            var lines: [DepositLine] = []
            for deposit in deposits {
                let company = try await companies.company(deposit.companyID)
                let id = deposit.id ?? 0
                let files = try await repository.files(of: id)
                lines.append(
                    DepositLine(
                        depositId: id, companyName: company?.name ?? "", siret: company?.siret.value ?? "",
                        state: deposit.state, startedAt: deposit.startedAt, completedAt: deposit.completedAt,
                        files: files,
                        envelopes: Set(files.map(\.envelope)).sorted().map { envelope in
                            EnvelopeState(
                                envelope: envelope,
                                opening: opened.contains(.init(depositID: id, envelope: envelope.rawValue))
                                    ? .openedOnline : .closed)
                        }))
            }
            return lines
        }
    }

    package func downloads(of consultationID: Int64, by actor: AgentAuthority) async throws -> [DepositRepository
        .Download]
    {
        try await database.session { sql in
            _ = try await ConsultationAccess.require(
                .viewRegisters, consultationID: consultationID, actor: actor, sql: sql)
            return try await DepositRepository(sql: sql).downloads(of: consultationID)
        }
    }

    /// The registre des dépôts as CSV (semicolon-separated, as French spreadsheets expect).
    package func depositsCSV(of consultationID: Int64, by actor: AgentAuthority) async throws -> String {
        var csv = CSV(header: [
            "Dépôt", "Entreprise", "SIRET", "État", "Début", "Fin", "Enveloppe", "Fichier", "Taille", "SHA-256",
        ])
        for line in try await deposits(of: consultationID, by: actor) {
            for file in line.files {
                csv.append([
                    String(line.depositId), line.companyName, line.siret, line.state.label,
                    FrenchTime.text(line.startedAt),
                    line.completedAt.map(FrenchTime.text) ?? "", file.envelope.label, file.name, String(file.size),
                    file.sha256,
                ])
            }
        }
        return csv.text
    }

    /// The registre des retraits as CSV.
    package func downloadsCSV(of consultationID: Int64, by actor: AgentAuthority) async throws -> String {
        var csv = CSV(header: ["Date", "Entreprise", "SIRET", "E-mail", "Pièce", "Fichiers choisis"])
        for line in try await downloads(of: consultationID, by: actor) {
            csv.append([
                FrenchTime.text(line.downloadedAt), line.companyName ?? "Anonyme", line.siret ?? "", line.email ?? "",
                line.documentLabel, line.entries ?? "",
            ])
        }
        return csv.text
    }

    /// A sealed file of a complete deposit, for opening; journaled. Refused before the deadline, before the
    /// consultation reached "Ouverture et Analyse", and to agents without the opening right.
    package func sealedFile(depositID: Int64, fileID: Int64, by actor: AgentAuthority) async throws -> (
        DepositFile, ContentHash
    ) {
        let now = Timestamp.now()
        return try await database.transaction { sql in
            let repository = DepositRepository(sql: sql)
            guard let deposit = try await repository.find(depositID) else { throw DomainError.notFound(what: "Dépôt") }
            let (consultation, path) = try await ConsultationAccess.require(
                .open, consultationID: deposit.consultationID, actor: actor, sql: sql)
            try Self.checkOpening(consultation, at: now)
            guard deposit.state != .uploading,
                let file = try await repository.files(of: depositID).first(where: { $0.id == fileID }), file.stored,
                let hash = ContentHash(hex: file.sha256)
            else { throw DomainError.notFound(what: "Fichier") }
            try await OpeningService.requireAllowed(
                EnvelopeRef(depositID: depositID, envelope: file.envelope), in: nil, for: .download,
                consultation: consultation, sql: sql)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .envelope(fileID),
                    action: .envelopeDownloaded,
                    details: ["deposit": String(depositID), "envelope": file.envelope.rawValue, "sha256": file.sha256]),
                at: now)
            return (file, hash)
        }
    }

    /// Whether the plis of `consultation` may be opened at `now`: after the deadline, once it reached
    /// "Ouverture et Analyse" (or "Décision").
    package static func mayOpen(_ consultation: Consultation, at now: Int64) -> Bool {
        now >= consultation.deadline && [ConsultationState.openingAndAnalysis, .decision].contains(consultation.state)
    }

    /// Refuses opening before ``mayOpen(_:at:)``, saying when it becomes possible.
    package static func checkOpening(_ consultation: Consultation, at now: Int64) throws(DomainError) {
        guard mayOpen(consultation, at: now) else {
            throw DomainError.forbidden(
                reason: "Les plis ne peuvent être ouverts qu'après la date limite de remise des plis, "
                    + "une fois la consultation passée en « Ouverture et Analyse ».")
        }
    }

    /// Stores a DCE (a ZIP) streamed from `body`, of `announcedSize` bytes when the request says so, and attaches
    /// it to the consultation as a new version (``DocumentService``). Beyond ``maximumDCESize`` bytes, not a ZIP, or
    /// an archive ``ZIPArchivePolicy`` refuses, nothing is stored and the previous DCE stays.
    package func attachDCE<Body: AsyncSequence & Sendable>(
        _ body: Body, announcedSize: Int64? = nil, to consultationID: Int64, by actor: AgentAuthority
    ) async throws -> StoredFile where Body.Element == ByteBuffer {
        let document = try await DocumentService(database: database, files: files, maximumSize: maximumDCESize)
            .attach(.dce, name: nil, body: body, announcedSize: announcedSize, to: consultationID, by: actor)
        guard let hash = ContentHash(hex: document.sha256) else { throw DomainError.notFound(what: "DCE") }
        return StoredFile(hash: hash, size: document.size)
    }

    /// The DCE of an online consultation, recorded in the registre des retraits.
    package func downloadDCE(reference: String, by bidder: SignedInBidder?) async throws -> (Consultation, ContentHash)
    {
        let withdrawal = try await DocumentService(database: database, files: files, maximumSize: maximumDCESize)
            .withdraw(.dce, reference: reference, by: bidder)
        guard let hash = ContentHash(hex: withdrawal.document.sha256) else {
            throw DomainError.notFound(what: "DCE de la consultation \(reference)")
        }
        return (withdrawal.consultation, hash)
    }
}
