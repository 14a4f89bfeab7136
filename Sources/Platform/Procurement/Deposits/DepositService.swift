import CoreCMS
import CorePlatformAPI
import CoreSeal
import Foundation
import Logging
import NIOCore
import PlatformKernel
import SQLKit
import X509

/// Companies' deposits: the recipients to seal for, the chunked and resumable upload of sealed files, the
/// completion with its receipt. The platform only ever receives sealed files: each one is checked to be a
/// CMS envelope sealed for every recipient of the consultation before the deposit completes.
package struct DepositService: Sendable {
    package let database: Database
    package let files: FileStore
    package let uploads: ChunkedUploads
    package let timestampClient: TimestampClient?
    package let logger: Logger
    /// What a company may hold while it deposits (`serve --max-…`).
    package var quotas = DepositQuotas()
    /// After how many seconds untouched an upload is abandoned (`serve --abandoned-upload-age`): an older
    /// deposit in progress with no upload left no longer counts against the quotas.
    package var abandonedUploadAge: Int64 = UploadSweep.defaultAge
    /// Tells the agents who follow the consultation that a response arrived (« Mes alertes électroniques »).
    package var alerts: ConsultationAlerts?

    package init(
        database: Database, files: FileStore, uploads: ChunkedUploads, timestampClient: TimestampClient?,
        logger: Logger, quotas: DepositQuotas = DepositQuotas(), abandonedUploadAge: Int64 = UploadSweep.defaultAge
    ) {
        self.database = database
        self.files = files
        self.uploads = uploads
        self.timestampClient = timestampClient
        self.logger = logger
        self.quotas = quotas
        self.abandonedUploadAge = abandonedUploadAge
    }

    /// A file of a deposit with the chunks still expected.
    package struct FileStatus: Sendable {
        package let file: DepositFile
        package let missingChunks: [Int]

        package init(file: DepositFile, missingChunks: [Int]) {
            self.file = file
            self.missingChunks = missingChunks
        }
    }

    /// The consultation a company may answer now, and the certificates its response must be sealed for.
    package func recipients(reference: String) async throws -> (Consultation, [EncryptionKey]) {
        let consultation = try await database.session { sql in try await Self.onlineConsultation(reference, sql: sql) }
        return (consultation, try await recipientsOf(consultation))
    }

    /// Starts a deposit for the bidder's company.
    package func start(reference: String, by bidder: SignedInBidder) async throws -> Deposit {
        let now = Timestamp.now()
        return try await database.transaction { sql in
            let consultation = try await Self.onlineConsultation(reference, sql: sql)
            if let job = bidder.depositJob, job.consultationID != consultation.id {
                throw DomainError.notFound(what: "Consultation \(reference)")
            }
            try DepositPolicy.checkOpen(consultation, at: now)
            let repository = DepositRepository(sql: sql)
            let companyID = bidder.company.id ?? 0
            try await repository.lockCompany(companyID)
            let activeSince = now - abandonedUploadAge
            try DepositPolicy.checkStart(
                inConsultation: try await repository.inProgressCount(
                    ofCompany: companyID, consultation: consultation.id ?? 0, activeSince: activeSince),
                overall: try await repository.inProgressCount(
                    ofCompany: companyID, consultation: nil, activeSince: activeSince),
                quotas: quotas)
            let deposit = try await repository.create(
                Deposit(
                    consultationID: consultation.id ?? 0, companyID: bidder.company.id ?? 0,
                    bidderID: bidder.bidder.id ?? 0, startedAt: now))
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .company(bidder.company.id ?? 0),
                    entityID: try await Self.entityID(of: consultation, sql: sql),
                    subject: .deposit(deposit.id ?? 0), action: .depositStarted,
                    details: ["consultation": consultation.reference.value]))
            return deposit
        }
    }

    /// Announces a sealed file of `size` bytes and SHA-256 `sha256` in `envelope`; its chunks follow.
    package func announce(
        depositID: Int64, envelope: ConsultationEnvelope, name: String, size: Int64, sha256: String,
        by bidder: SignedInBidder
    ) async throws -> DepositFile {
        try await announcement(
            depositID: depositID, envelope: envelope, name: name, size: size, sha256: sha256, by: bidder
        ).status.file
    }

    /// A file announced, or found already announced with the same name, size and SHA-256.
    package struct Announcement: Sendable {
        package let status: FileStatus
        /// Whether this announcement created the file (`false`: it was there, its chunks kept).
        package let created: Bool
    }

    /// Announces a file, idempotently: the same file announced again (a bidder whose first answer was lost to
    /// a dropped connection or a node's crash) gets the file already there with the chunks it still lacks,
    /// instead of a refusal. Another file under the same name is still refused.
    package func announcement(
        depositID: Int64, envelope: ConsultationEnvelope, name: String, size: Int64, sha256: String,
        by bidder: SignedInBidder
    ) async throws -> Announcement {
        let now = Timestamp.now()
        guard let hash = ContentHash(hex: sha256.lowercased()) else {
            throw DomainError.invalidField(
                field: "empreinte", reason: "Une empreinte SHA-256 de 64 chiffres hexadécimaux.")
        }
        let (deposit, consultation) = try await ownDeposit(depositID, by: bidder)
        try DepositPolicy.checkOpen(consultation, at: now)
        let name = try DepositPolicy.checkFile(
            name: name, size: size, sha256: sha256.lowercased(), envelope: envelope, of: consultation)
        guard deposit.state == .uploading else { throw Self.alreadyComplete }
        // Checked before any byte is written, then again under the deposit's lock with the files of that moment.
        let before = try await database.session { sql in try await DepositRepository(sql: sql).files(of: depositID) }
        if let same = Self.same(name: name, size: size, sha256: sha256, envelope: envelope, in: before) {
            return Announcement(status: try await status(of: same), created: false)
        }
        try Self.checkAnnounce(name: name, size: size, envelope: envelope, existing: before, quotas: quotas)
        let uploadID = UUID().uuidString.lowercased()
        let upload = try await uploads.start(
            id: uploadID, manifest: UploadManifest(size: size, sha256: hash, chunkSize: DepositPolicy.chunkSize))
        do {
            let quotas = quotas
            let (file, created) = try await database.transaction { sql in
                let repository = DepositRepository(sql: sql)
                guard try await repository.lockInProgress(depositID) else { throw Self.alreadyComplete }
                let existing = try await repository.files(of: depositID)
                if let same = Self.same(name: name, size: size, sha256: sha256, envelope: envelope, in: existing) {
                    return (same, false)
                }
                try Self.checkAnnounce(name: name, size: size, envelope: envelope, existing: existing, quotas: quotas)
                let added = try await repository.addFile(
                    DepositFile(
                        depositID: depositID, envelope: envelope, name: name, size: size,
                        sha256: sha256.lowercased(), chunkSize: DepositPolicy.chunkSize, uploadID: uploadID))
                return (added, true)
            }
            guard created else {
                try? await upload.discard()
                return Announcement(status: try await status(of: file), created: false)
            }
            return Announcement(
                status: FileStatus(file: file, missingChunks: Array(0..<file.chunkCount)), created: true)
        } catch {
            try? await upload.discard()
            throw error
        }
    }

    /// The file of `existing` with this envelope, name, size and SHA-256, if any.
    private static func same(
        name: String, size: Int64, sha256: String, envelope: ConsultationEnvelope, in existing: [DepositFile]
    ) -> DepositFile? {
        existing.first {
            $0.envelope == envelope && $0.name == name && $0.size == size && $0.sha256 == sha256.lowercased()
        }
    }

    /// A file with the chunks it still expects.
    private func status(of file: DepositFile) async throws -> FileStatus {
        FileStatus(file: file, missingChunks: file.stored ? [] : try await upload(of: file).missingChunks())
    }

    /// The upload of a file not stored yet. A file whose upload is gone (an announcement committed while its
    /// answer was lost to a database restart, so the upload was discarded) gets its upload again, empty: the
    /// bidder's assistant resends every chunk instead of failing on the deposit for ever.
    private func upload(of file: DepositFile) async throws -> ChunkedUpload {
        do {
            return try await uploads.open(id: file.uploadID)
        } catch UploadError.unknownUpload {
            guard let hash = ContentHash(hex: file.sha256) else { throw UploadError.unknownUpload(id: file.uploadID) }
            logger.warning(
                "The upload of \(file.name) (deposit \(file.depositID)) was missing: started again, every chunk expected."
            )
            return try await uploads.start(
                id: file.uploadID, manifest: UploadManifest(size: file.size, sha256: hash, chunkSize: file.chunkSize))
        }
    }

    /// The quotas, then no second file of the same name in the envelope.
    private static func checkAnnounce(
        name: String, size: Int64, envelope: ConsultationEnvelope, existing: [DepositFile], quotas: DepositQuotas
    ) throws {
        guard !existing.contains(where: { $0.envelope == envelope && $0.name == name }) else {
            throw DomainError.conflict(
                reason: "L'enveloppe « \(envelope.label) » contient déjà un fichier « \(name) ».")
        }
        try DepositPolicy.checkQuotas(name: name, size: size, envelope: envelope, existing: existing, quotas: quotas)
    }

    /// Receives chunk `index` of a file; when this returns the chunk is on disk for good (acknowledged).
    package func receiveChunk(
        depositID: Int64, fileID: Int64, index: Int, bytes: ByteBuffer, sha256: String?, by bidder: SignedInBidder
    ) async throws {
        // The hot path of a deposit: one query for the deposit and the file, nothing else.
        let found = try await database.session { sql in
            try await DepositRepository(sql: sql).uploadTarget(deposit: depositID, file: fileID)
        }
        guard let (deposit, file) = found, deposit.companyID == bidder.company.id,
            bidder.depositJob.map({ $0.consultationID == deposit.consultationID }) ?? true
        else { throw DomainError.notFound(what: "Fichier du dépôt") }
        guard deposit.state == .uploading else { throw Self.alreadyComplete }
        var expected: ContentHash?
        if let sha256 {
            guard let hash = ContentHash(hex: sha256.lowercased()) else {
                throw DomainError.invalidField(field: "empreinte du morceau", reason: "64 chiffres hexadécimaux.")
            }
            expected = hash
        }
        do {
            try await upload(of: file).accept(index: index, bytes: bytes, sha256: expected)
        } catch let error as UploadError {
            throw DomainError.invalidField(field: "morceau \(index)", reason: error.description)
        }
    }

    /// The deposit's files and the chunks each still expects, to resume after an interruption.
    package func status(depositID: Int64, by bidder: SignedInBidder) async throws -> (Deposit, [FileStatus]) {
        let (deposit, _) = try await ownDeposit(depositID, by: bidder)
        let files = try await database.session { sql in try await DepositRepository(sql: sql).files(of: depositID) }
        var statuses: [FileStatus] = []
        for file in files { statuses.append(try await status(of: file)) }
        return (deposit, statuses)
    }

    /// Completes the deposit: every chunk arrived, every file matches its hash and is sealed for every
    /// recipient, before the deadline. Returns the receipt; completing again returns the same receipt.
    package func complete(depositID: Int64, by bidder: SignedInBidder) async throws -> (
        PlatformAPI.DepositReceipt, String?
    ) {
        let (deposit, consultation) = try await ownDeposit(depositID, by: bidder)
        if deposit.state != .uploading { return try await receipt(depositID: depositID, by: bidder) }
        try DepositPolicy.checkOpen(consultation, at: Timestamp.now())
        let certificates = try await recipientsOf(consultation).compactMap { key in
            (try? Certificate(pemEncoded: key.certificatePEM)).map { (key.subjectCommonName, $0) }
        }
        var files = try await database.session { sql in try await DepositRepository(sql: sql).files(of: depositID) }
        for (position, file) in files.enumerated() where !file.stored {
            let upload = try await upload(of: file)
            let missing = try await upload.missingChunks()
            guard missing.isEmpty else {
                throw DomainError.conflict(
                    reason:
                        "Le fichier « \(file.name) » n'est pas entièrement reçu : \(missing.count) morceau(x) manquant(s). "
                        + "Reprenez l'envoi puis validez le dépôt.")
            }
            let stored: StoredFile
            do {
                stored = try await upload.complete(into: self.files)
            } catch let error as UploadError {
                throw DomainError.conflict(
                    reason: "Le fichier « \(file.name) » ne correspond pas à son empreinte : \(error.description)")
            }
            if consultation.modalities.encryption {
                do {
                    try checkSealed(file, at: self.files.path(of: stored.hash), for: certificates)
                } catch {
                    // The upload is consumed: the refused file leaves the deposit, so that the deposit stays
                    // readable and the company deposits the file again, sealed; the other files are kept.
                    try await database.transaction { sql in
                        try await DepositRepository(sql: sql).remove(file: file.id ?? 0)
                    }
                    throw error
                }
            }
            try await database.transaction { sql in try await DepositRepository(sql: sql).markStored(file: file.id ?? 0)
            }
            files[position].stored = true
        }
        let reasons = DepositPolicy.missing(files: files, of: consultation)
        guard reasons.isEmpty else {
            throw DomainError.conflict(reason: "Le dépôt est incomplet : " + reasons.joined(separator: " ; ") + ".")
        }
        let receivedAt = Timestamp.now()
        try DepositPolicy.checkOpen(consultation, at: receivedAt)
        let earlier = try await database.session { sql in
            try await DepositRepository(sql: sql).completeDeposits(
                of: deposit.companyID, for: deposit.consultationID, except: depositID)
        }
        let fileCount = files.count
        let fileIDs = files.map(\.id)
        let sealedFiles = files.map {
            PlatformAPI.SealedFile(envelope: $0.envelope.rawValue, name: $0.name, size: $0.size, sha256: $0.sha256)
        }
        // The receipt names the journal entry that records it, so it is made under the journal's lock, and
        // time-stamped once that is committed: no network call while appends wait.
        let receipt = try await database.transaction { sql in
            let repository = DepositRepository(sql: sql)
            guard try await repository.find(depositID)?.state == .uploading else { throw Self.alreadyComplete }
            let journal = JournalRepository(sql: sql)
            let head = try await journal.lockedHead()
            let receipt = PlatformAPI.DepositReceipt(
                depositId: depositID, consultationReference: consultation.reference.value,
                consultationTitle: consultation.title, companyName: bidder.company.name,
                siret: bidder.company.siret.value,
                bidder: "\(bidder.bidder.civility.rawValue) \(bidder.bidder.firstName) \(bidder.bidder.lastName)",
                receivedAt: receivedAt, receivedAtText: FrenchTime.text(receivedAt),
                files: sealedFiles, supersedes: earlier,
                journal: .init(sequence: head.sequence + 1, head: head.hash.description))
            let json = String(decoding: try receipt.canonicalJSON(), as: UTF8.self)
            let superseded = try await repository.complete(
                deposit, at: receivedAt, receipt: json, timestampToken: nil)
            // The update above waits for an uploads' sweep holding the deposit; the files the receipt lists
            // must still be the deposit's, all stored.
            let current = try await repository.files(of: depositID)
            guard current.map(\.id) == fileIDs, current.allSatisfy(\.stored) else {
                throw DomainError.conflict(
                    reason: "Un fichier de ce dépôt, laissé sans envoi trop longtemps, en a été retiré : "
                        + "déposez-le de nouveau puis validez le dépôt.")
            }
            let entity = try await Self.entityID(of: consultation, sql: sql)
            _ = try await journal.append(
                JournalEvent(
                    actor: .company(bidder.company.id ?? 0), entityID: entity, subject: .deposit(depositID),
                    action: .depositCompleted,
                    details: [
                        "consultation": consultation.reference.value, "receipt-sha256": Self.hex(try receipt.digest()),
                        "files": String(fileCount),
                    ]), at: receivedAt)
            for id in superseded {
                _ = try await journal.append(
                    JournalEvent(
                        actor: .company(bidder.company.id ?? 0), entityID: entity, subject: .deposit(id),
                        action: .depositSuperseded, details: ["by": String(depositID)]), at: receivedAt)
            }
            return receipt
        }
        let token = await timestamp(receipt)
        if let token {
            try await database.transaction { sql in
                try await DepositRepository(sql: sql).setTimestampToken(token, of: depositID)
            }
        }
        await alerts?.depositReceived(
            consultationID: deposit.consultationID, companyName: bidder.company.name, at: receivedAt)
        return (receipt, token)
    }

    /// The receipt of a complete deposit of the bidder's company, with its time-stamp token (base64).
    package func receipt(depositID: Int64, by bidder: SignedInBidder) async throws -> (
        PlatformAPI.DepositReceipt, String?
    ) {
        _ = try await ownDeposit(depositID, by: bidder)
        guard
            let stored = try await database.session({ sql in
                try await DepositRepository(sql: sql).receipt(of: depositID)
            })
        else { throw DomainError.notFound(what: "Accusé de réception (le dépôt n'est pas terminé)") }
        return (
            try JSONDecoder().decode(PlatformAPI.DepositReceipt.self, from: Data(stored.json.utf8)),
            stored.timestampToken
        )
    }

    private func timestamp(_ receipt: PlatformAPI.DepositReceipt) async -> String? {
        guard let timestampClient else { return nil }
        do {
            let token = try await timestampClient.timestampToken(digest: try receipt.digest(), algorithm: .sha256)
            return Data(token).base64EncodedString()
        } catch {
            logger.error("The receipt of deposit \(receipt.depositId) is not time-stamped: \(error)")
            return nil
        }
    }

    /// Checks the stored file is a CMS envelope sealed for every recipient (named by its CN).
    private func checkSealed(_ file: DepositFile, at path: String, for recipients: [(String, Certificate)]) throws {
        let envelope: PliEnvelope
        do {
            envelope = try PliEnvelope.inspect(URL(fileURLWithPath: path))
        } catch {
            throw DomainError.invalidField(
                field: file.name,
                reason:
                    "Ce fichier n'est pas un pli chiffré (CMS) : il a été retiré du dépôt. Chiffrez-le avec l'assistant, "
                    + "déposez-le de nouveau, puis validez le dépôt."
            )
        }
        if let (name, _) = recipients.first(where: { !envelope.isSealed(for: $0.1) }) {
            throw DomainError.invalidField(
                field: file.name,
                reason: "Ce pli n'est pas chiffré pour le certificat « \(name) » de l'acheteur : il a été retiré du "
                    + "dépôt. Chiffrez-le pour tous les certificats publiés par la consultation et déposez-le de nouveau."
            )
        }
    }

    /// The keys the consultation's plis are sealed for (``RecipientSet``).
    private func recipientsOf(_ consultation: Consultation) async throws -> [EncryptionKey] {
        try await database.session { sql in
            let path = try await OrganisationRepository(sql: sql).path(to: consultation.organisationID)
            let keys = try await EncryptionKeyRepository(sql: sql).keys(of: path.ids)
            return RecipientSet.recipients(path: path, keys: keys)
        }
    }

    private func ownDeposit(_ id: Int64, by bidder: SignedInBidder) async throws -> (Deposit, Consultation) {
        try await database.session { sql in
            guard let deposit = try await DepositRepository(sql: sql).find(id), deposit.companyID == bidder.company.id,
                bidder.depositJob.map({ $0.consultationID == deposit.consultationID }) ?? true
            else { throw DomainError.notFound(what: "Dépôt") }
            return (deposit, try await ConsultationRepository(sql: sql).require(id: deposit.consultationID))
        }
    }

    package static func onlineConsultation(_ reference: String, sql: any SQLDatabase) async throws -> Consultation {
        guard let consultation = try await ConsultationRepository(sql: sql).find(reference: reference),
            consultation.isOnline(at: Timestamp.now())
        else { throw DomainError.notFound(what: "Consultation \(reference)") }
        return consultation
    }

    package static func entityID(of consultation: Consultation, sql: any SQLDatabase) async throws -> Int64? {
        try await OrganisationRepository(sql: sql).path(to: consultation.organisationID).entity.id
    }

    package static let alreadyComplete = DomainError.conflict(
        reason: "Ce dépôt est déjà terminé : commencez un nouveau dépôt pour le remplacer.")

    package static func hex(_ bytes: [UInt8]) -> String { bytes.hex }
}
