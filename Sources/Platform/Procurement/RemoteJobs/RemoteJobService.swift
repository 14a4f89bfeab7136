import CorePlatformAPI
import CoreSeal
import Foundation
import NIOCore
import PlatformKernel
import SQLKit

/// Remote jobs (`docs/remote-jobs.md`): an agent with the opening right asks for one after the deadline,
/// the platform signs its descriptor and hands a one-time token; the assistant trades it for a credential,
/// fetches the sealed files in ranges, reports progress and, for an online opening, sends each file's
/// content-encryption key, with which the platform decrypts the sealed file it stores and opens the envelopes. Each use case is one transaction, rights first, every change journaled.
package struct RemoteJobService: Sendable {
    package let database: Database
    package let files: FileStore
    package let signingKey: PlatformSigningKey
    package let digests: SealedChunkDigests
    /// The files of each job's descriptor and those already served, shared by every copy of the service.
    package let index = RemoteJobFileIndex()
    /// The current time in seconds since 1970; injected so that tests can expire tokens.
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }

    package init(
        database: Database, files: FileStore, signingKey: PlatformSigningKey, digests: SealedChunkDigests,
        clock: @escaping @Sendable () -> Int64 = { Timestamp.now() }
    ) {
        self.database = database
        self.files = files
        self.signingKey = signingKey
        self.digests = digests
        self.clock = clock
    }

    // MARK: - Agents

    /// A new job of `kind` on the consultation, signed, with its one-time token (the only time it is shown).
    /// It names exactly the `selection` of envelopes, which the opening rules (``OpeningPolicy``) must allow
    /// now (a refusal is journaled); without a selection, every envelope they allow now.
    package func create(
        _ kind: PlatformAPI.RemoteJobKind, consultationID: Int64, selection: [EnvelopeRef]? = nil, platform: String,
        requestedBy: String, by actor: AgentAuthority
    ) async throws -> PlatformAPI.RemoteJobOffer {
        let now = clock()
        let purpose: OpeningPolicy.Purpose = kind == .openOnline ? .openOnline : .download
        let (consultation, file, entityID) = try await database.session { sql in
            let (consultation, path) = try await ConsultationAccess.require(
                .open, consultationID: consultationID, actor: actor, sql: sql)
            try RegisterService.checkOpening(consultation, at: now)
            return (consultation, try await OpeningFile.load(consultation, sql: sql), path.entity.id)
        }
        let plis = file.plis
        let chosen = Set(selection ?? file.policy.openable(for: purpose))
        if let selection {
            do throws(DomainError) {
                try file.policy.check(chosen, for: purpose)
            } catch {
                try await OpeningService.journalRefusal(
                    error, selection: selection, consultationID: consultationID, agentID: actor.agentID,
                    entityID: entityID, database: database, at: now)
                throw error
            }
        }
        var described: [PlatformAPI.RemoteJobDescriptor.Pli] = []
        for pli in plis {
            var envelopes: [PlatformAPI.RemoteJobDescriptor.Envelope] = []
            for envelope in pli.envelopes
            where chosen.contains(EnvelopeRef(depositID: pli.depositID, envelope: envelope.envelope)) {
                var files: [PlatformAPI.RemoteJobDescriptor.File] = []
                for file in envelope.files {
                    guard let hash = ContentHash(hex: file.sha256) else { continue }
                    let chunks: [String]
                    do {
                        chunks = try await digests.digests(
                            of: hash, chunkSize: RemoteJobPolicy.chunkSize, in: self.files)
                    } catch is SealedChunkDigests.Altered {
                        throw DomainError.conflict(
                            reason: "Le fichier « \(file.name) » du pli \(pli.number) ne correspond plus à l'empreinte "
                                + "enregistrée à son dépôt : le stockage de la plateforme l'a altéré. Prévenez "
                                + "l'administrateur de la plateforme.")
                    }
                    files.append(
                        .init(
                            id: file.id ?? 0, name: file.name, size: file.size, sha256: file.sha256, chunks: chunks))
                }
                envelopes.append(.init(kind: envelope.envelope.rawValue, label: envelope.envelope.label, files: files))
            }
            if !envelopes.isEmpty {
                described.append(
                    .init(number: pli.number, depositID: pli.depositID, company: pli.company, envelopes: envelopes))
            }
        }
        guard !plis.isEmpty else {
            throw DomainError.conflict(
                reason: "Aucun pli n'a été déposé pour cette consultation : il n'y a rien à traiter.")
        }
        guard !described.isEmpty else {
            let closed = file.board.allEnvelopes.filter { file.board.pli($0.depositID)?.state($0.envelope) == .closed }
            if let first = closed.first {
                do throws(DomainError) {
                    try file.policy.checkAlone(first, for: purpose)
                } catch {
                    throw DomainError.conflict(
                        reason: "Aucune enveloppe ne peut être ouverte maintenant. \(error.description)")
                }
            }
            throw DomainError.conflict(
                reason: "Toutes les enveloppes de cette consultation sont déjà ouvertes en ligne : "
                    + "il n'en reste aucune fermée à ouvrir. Téléchargez les fichiers déchiffrés depuis la liste des plis."
            )
        }
        let descriptor = PlatformAPI.RemoteJobDescriptor(
            id: UUID().uuidString.lowercased(), kind: kind, platform: platform,
            consultation: .init(id: consultationID, reference: consultation.reference.value, title: consultation.title),
            requestedBy: requestedBy, issuedAt: now, tokenExpiresAt: now + RemoteJobPolicy.tokenLifetime,
            chunkSize: RemoteJobPolicy.chunkSize, plis: described)
        let token = SessionToken.random()
        let offer = try PlatformAPI.RemoteJobOffer.signing(descriptor, with: signingKey.privateKey, token: token)
        guard let json = Data(base64Encoded: offer.descriptor) else { throw DomainError.notFound(what: "Descripteur") }
        let job = RemoteJob(
            id: descriptor.id, consultationID: consultationID, agentID: actor.agentID, kind: kind,
            descriptorJSON: String(decoding: json, as: UTF8.self), tokenExpiresAt: descriptor.tokenExpiresAt,
            progress: RemoteJobPolicy.initialProgress(kind), bytesServed: 0, createdAt: now, updatedAt: now)
        try await database.transaction { sql in
            let (_, path) = try await ConsultationAccess.require(
                .open, consultationID: consultationID, actor: actor, sql: sql)
            try await RemoteJobRepository(sql: sql).create(job, tokenSHA256: SessionToken.hash(token))
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .consultation(consultationID),
                    action: .remoteJobCreated,
                    details: [
                        "job": job.id, "kind": kind.rawValue, "files": String(descriptor.fileCount),
                        "bytes": String(descriptor.totalBytes),
                    ]), at: now)
        }
        return offer
    }

    /// The consultation's jobs and their progress, for every agent who can see the consultation.
    /// A job whose token expired unclaimed shows as cancelled, saying why.
    package func jobs(of consultationID: Int64, by actor: AgentAuthority) async throws -> [PlatformAPI.RemoteJobStatus]
    {
        let now = clock()
        return try await database.session { sql in
            _ = try await ConsultationService.access(consultationID, for: actor, sql: sql)
            let jobs = try await RemoteJobRepository(sql: sql).jobs(of: consultationID)
            let names = try await AgentRepository(sql: sql).displayNames(jobs.map(\.agentID))
            var statuses: [PlatformAPI.RemoteJobStatus] = []
            for job in jobs {
                var progress = job.progress
                if job.tokenClaimedAt == nil, now >= job.tokenExpiresAt {
                    progress = PlatformAPI.RemoteJobProgress(
                        state: .cancelled, step: progress.step, stepName: progress.stepName, percent: 0,
                        error: "L'assistant n'a pas pris en charge ce traitement dans les 10 minutes : "
                            + "vérifiez qu'il est en ligne et associé à cette plateforme, puis relancez l'action.")
                }
                statuses.append(
                    .init(
                        id: job.id, kind: job.kind, requestedBy: names[job.agentID] ?? "", createdAt: job.createdAt,
                        updatedAt: job.updatedAt, progress: progress, bytesServed: job.bytesServed))
            }
            return statuses
        }
    }

    /// The decrypted content of a sealed file opened online, for agents with the opening right; journaled.
    package func plaintext(depositID: Int64, fileID: Int64, by actor: AgentAuthority) async throws -> (
        name: String, size: Int64, hash: ContentHash
    ) {
        let now = clock()
        return try await database.transaction { sql in
            let deposits = DepositRepository(sql: sql)
            guard let deposit = try await deposits.find(depositID) else { throw DomainError.notFound(what: "Dépôt") }
            let (consultation, path) = try await ConsultationAccess.require(
                .open, consultationID: deposit.consultationID, actor: actor, sql: sql)
            try RegisterService.checkOpening(consultation, at: now)
            guard try await deposits.files(of: depositID).contains(where: { $0.id == fileID }),
                let plaintext = try await RemoteJobRepository(sql: sql).plaintext(of: fileID), plaintext.isStored,
                let hash = ContentHash(hex: plaintext.sha256)
            else { throw DomainError.notFound(what: "Fichier déchiffré") }
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .envelope(fileID),
                    action: .envelopePlaintextDownloaded,
                    details: ["deposit": String(depositID), "sha256": plaintext.sha256]), at: now)
            return (plaintext.name, plaintext.size, hash)
        }
    }

    // MARK: - The assistant

    /// Trades the one-time job token for the job's credential.
    package func claim(_ jobID: String, token: String) async throws -> PlatformAPI.RemoteJobCredential {
        let now = clock()
        return try await database.transaction { sql in
            let repository = RemoteJobRepository(sql: sql)
            guard let job = try await repository.find(tokenSHA256: SessionToken.hash(token)), job.id == jobID,
                job.tokenClaimedAt == nil, now < job.tokenExpiresAt
            else { throw BearerRefused.invalidToken }
            let credential = SessionToken.random()
            let expiresAt = now + RemoteJobPolicy.credentialLifetime
            guard
                try await repository.claim(
                    jobID, at: now, credentialSHA256: SessionToken.hash(credential), expiresAt: expiresAt)
            else { throw BearerRefused.invalidToken }
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(job.agentID), entityID: try await Self.entityID(job.consultationID, sql: sql),
                    subject: .consultation(job.consultationID), action: .remoteJobClaimed, details: ["job": job.id]),
                at: now)
            return PlatformAPI.RemoteJobCredential(credential: credential, expiresAt: expiresAt)
        }
    }

    /// The job a credential authorises, refused once expired or, unless `whenOver`, once the job is over.
    package func authenticate(_ jobID: String, credential: String, whenOver: Bool = false) async throws -> RemoteJob {
        let now = clock()
        let job = try await database.session { sql in
            try await RemoteJobRepository(sql: sql).find(credentialSHA256: SessionToken.hash(credential))
        }
        guard let job, job.id == jobID, let expiresAt = job.credentialExpiresAt, now < expiresAt,
            whenOver || !job.progress.state.isFinal
        else { throw BearerRefused.invalidCredential }
        return job
    }

    /// A sealed file of the job's descriptor, to serve in ranges; the first access of each file is journaled.
    /// The hot path of a download: the descriptor is read once per job and the journal once per file.
    package func sealedFile(_ fileID: Int64, of job: RemoteJob) async throws -> (
        name: String, size: Int64, hash: ContentHash
    ) {
        guard let entry = try await index.entry(fileID, of: job), let hash = ContentHash(hex: entry.file.sha256) else {
            throw DomainError.notFound(what: "Fichier de la tâche")
        }
        if await !index.wasServed(fileID, of: job.id) {
            let now = clock()
            try await database.transaction { sql in
                if job.kind == .download, let envelope = ConsultationEnvelope(rawValue: entry.envelope) {
                    try await OpeningService.requireAllowed(
                        EnvelopeRef(depositID: entry.depositID, envelope: envelope), in: try job.envelopes(),
                        for: .download,
                        consultation: try await ConsultationRepository(sql: sql).require(id: job.consultationID),
                        sql: sql)
                }
                guard try await RemoteJobRepository(sql: sql).recordFirstServe(job: job.id, file: fileID, at: now)
                else { return }
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .agent(job.agentID), entityID: try await Self.entityID(job.consultationID, sql: sql),
                        subject: .envelope(fileID), action: .envelopeDownloaded,
                        details: [
                            "deposit": String(entry.depositID), "envelope": entry.envelope,
                            "sha256": entry.file.sha256, "job": job.id,
                        ]), at: now)
            }
            await index.markServed(fileID, of: job.id)
        }
        return (entry.file.name, entry.file.size, hash)
    }

    /// Counts the sealed bytes served for the job.
    package func served(_ count: Int64, for job: RemoteJob) async throws {
        try await database.session { sql in try await RemoteJobRepository(sql: sql).addBytesServed(job.id, count) }
    }

    /// Stores the assistant's progress; the end of the job is journaled once. A job already over keeps its end.
    package func report(_ progress: PlatformAPI.RemoteJobProgress, for job: RemoteJob) async throws {
        guard progress.percent.isFinite, (0...100).contains(progress.percent), progress.step >= 1 else {
            throw DomainError.invalidField(
                field: "avancement", reason: "percent va de 0 à 100 et step commence à 1.")
        }
        let now = clock()
        try await database.transaction { sql in
            let repository = RemoteJobRepository(sql: sql)
            guard let current = try await repository.find(job.id), !current.progress.state.isFinal else { return }
            try await repository.update(job.id, progress: progress, at: now)
            if progress.state.isFinal {
                var details = ["job": job.id, "state": progress.state.rawValue]
                if let error = progress.error { details["error"] = String(error.prefix(500)) }
                let entityID = try await Self.entityID(job.consultationID, sql: sql)
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .agent(job.agentID), entityID: entityID, subject: .consultation(job.consultationID),
                        action: .remoteJobEnded, details: details), at: now)
                if job.kind == .download, progress.state == .succeeded {
                    try await OpeningService.recordOfflineOpening(of: job, entityID: entityID, sql: sql, at: now)
                }
            }
        }
    }

    // MARK: - Online opening

    /// Opens a sealed file of an online opening with the content-encryption key the assistant unwrapped
    /// from the file's RecipientInfos: the platform decrypts the sealed file it stores, streaming, into its
    /// own store, so the plaintext is by construction the decryption of the deposited file (AES-GCM's tag
    /// authenticates it; AES-CBC's padding catches a wrong key almost always). A key that does not decrypt
    /// the file stores nothing and leaves the envelope closed. The key is taken only for files the job's
    /// descriptor names, only while the consultation may be opened by the job's agent; it is used for
    /// this decryption and dropped, never logged nor stored; its release is journaled without it. The
    /// envelope opens once every file of it is decrypted. A file already decrypted answers the same.
    package func open(_ fileID: Int64, with key: ContentEncryptionKey, for job: RemoteJob) async throws
        -> PlatformAPI.DecryptedFile
    {
        try Self.requireOpening(job)
        guard let entry = try await index.entry(fileID, of: job), let sealed = ContentHash(hex: entry.file.sha256)
        else { throw DomainError.notFound(what: "Fichier de la tâche") }
        let name = Self.plaintextName(entry.file.name)
        let existing = try await database.session { sql in
            try await Self.requireOpeningAllowed(job, entry: entry, at: clock(), sql: sql)
            return try await RemoteJobRepository(sql: sql).plaintext(of: fileID)
        }
        if let existing, existing.isStored {
            return try await decryptedFile(existing, entry: entry)
        }
        let temporary = files.temporaryPath()
        let digest: PliDigest
        do {
            let input = URL(fileURLWithPath: files.path(of: sealed))
            let output = URL(fileURLWithPath: temporary)
            digest = try await files.threadPool.runIfActive {
                try PliOpener.open(input, to: output, contentEncryptionKey: key)
            }
        } catch let error as SealError {
            throw try await refuse(key: error, file: entry, job: job)
        }
        guard let hash = ContentHash(hex: digest.sha256Hex) else { throw DomainError.notFound(what: "Empreinte") }
        let stored = StoredFile(hash: hash, size: digest.size)
        do {
            try await files.adopt(temporary, as: stored)
        } catch {
            _ = try? await files.threadPool.runIfActive { try POSIXFile.remove(temporary) }
            throw error
        }
        let now = clock()
        let plaintext = RemoteJobRepository.Plaintext(
            depositFileId: fileID, jobId: job.id, name: name, size: stored.size, sha256: stored.hash.hex,
            uploadId: "", stored: 1, storedAt: now)
        let (depositID, envelope) = (entry.depositID, entry.envelope)
        let opened = try await database.transaction { sql -> Bool in
            try await Self.requireOpeningAllowed(job, entry: entry, at: now, sql: sql)
            let repository = RemoteJobRepository(sql: sql)
            let envelopeFiles = try await DepositRepository(sql: sql).files(of: depositID)
                .filter { $0.envelope.rawValue == envelope }.compactMap(\.id)
            guard try await repository.plaintext(of: fileID)?.isStored != true else {
                return try await repository.plaintexts(of: envelopeFiles).filter(\.isStored).count
                    == envelopeFiles.count
            }
            try await repository.store(plaintext)
            let journal = JournalRepository(sql: sql)
            let entity = try await Self.entityID(job.consultationID, sql: sql)
            _ = try await journal.append(
                JournalEvent(
                    actor: .agent(job.agentID), entityID: entity, subject: .envelope(fileID),
                    action: .envelopeKeyReleased,
                    details: [
                        "deposit": String(depositID), "envelope": envelope, "job": job.id,
                        "sealed-sha256": entry.file.sha256, "sha256": plaintext.sha256, "size": String(plaintext.size),
                    ]), at: now)
            let stored = try await repository.plaintexts(of: envelopeFiles).filter(\.isStored).count
            guard stored == envelopeFiles.count else { return false }
            if try await repository.markOpened(deposit: depositID, envelope: envelope, job: job.id, at: now) {
                _ = try await journal.append(
                    JournalEvent(
                        actor: .agent(job.agentID), entityID: entity, subject: .deposit(depositID),
                        action: .envelopeOpened,
                        details: ["envelope": envelope, "job": job.id, "mode": "en-ligne"]), at: now)
            }
            return true
        }
        return PlatformAPI.DecryptedFile(
            fileID: fileID, name: name, size: plaintext.size, sha256: plaintext.sha256, envelopeOpened: opened)
    }

    /// The answer for a file decrypted earlier (a key sent again, e.g. by an assistant restarted meanwhile).
    private func decryptedFile(_ plaintext: RemoteJobRepository.Plaintext, entry: RemoteJobFileIndex.Entry)
        async throws -> PlatformAPI.DecryptedFile
    {
        let opened = try await database.session { sql in
            try await RemoteJobRepository(sql: sql).openedEnvelopes(of: [entry.depositID])
                .contains(.init(depositID: entry.depositID, envelope: entry.envelope))
        }
        return PlatformAPI.DecryptedFile(
            fileID: plaintext.depositFileId, name: plaintext.name, size: plaintext.size, sha256: plaintext.sha256,
            envelopeOpened: opened)
    }

    /// A key that does not decrypt the stored file: journaled (without the key), and the error to answer.
    private func refuse(key error: SealError, file entry: RemoteJobFileIndex.Entry, job: RemoteJob) async throws
        -> DomainError
    {
        let reason: String
        switch error {
        case .authenticationFailed:
            reason = "l'étiquette d'authentification AES-GCM ne correspond pas"
        case .invalidPadding:
            reason = "le bourrage AES-CBC du dernier bloc est invalide"
        case .keyRecoveryFailed:
            reason = "elle n'a pas la longueur qu'attend l'algorithme du fichier"
        default:
            return DomainError.conflict(
                reason: "Le fichier « \(entry.file.name) » stocké par la plateforme est illisible : prévenez "
                    + "l'administrateur de la plateforme.")
        }
        let now = clock()
        try await database.transaction { sql in
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(job.agentID), entityID: try await Self.entityID(job.consultationID, sql: sql),
                    subject: .envelope(entry.file.id), action: .envelopeKeyRefused,
                    details: [
                        "deposit": String(entry.depositID), "envelope": entry.envelope, "job": job.id,
                        "reason": reason,
                    ]), at: now)
        }
        return DomainError.invalidField(
            field: "contentEncryptionKey",
            reason: "Cette clé ne déchiffre pas le fichier « \(entry.file.name) » (\(reason)) : il reste fermé. "
                + "Vérifiez que la clé privée du support est celle du service, puis relancez l'ouverture.")
    }

    /// Refuses a key once the consultation may no longer be opened (moved back before "Ouverture et
    /// Analyse", deadline moved), once the job's agent lost the opening right, or when the opening rules no
    /// longer allow the file's envelope (``OpeningPolicy``: an admission changed, the ranking not recorded).
    private static func requireOpeningAllowed(
        _ job: RemoteJob, entry: RemoteJobFileIndex.Entry, at now: Int64, sql: any SQLDatabase
    ) async throws {
        let agents = AgentRepository(sql: sql)
        guard let agent = try await agents.find(job.agentID) else {
            throw DomainError.forbidden(reason: "L'agent qui a demandé ce traitement n'existe plus.")
        }
        let (consultation, _) = try await ConsultationAccess.require(
            .open, consultationID: job.consultationID, actor: try await agents.authority(of: agent), sql: sql)
        try RegisterService.checkOpening(consultation, at: now)
        guard let envelope = ConsultationEnvelope(rawValue: entry.envelope) else { return }
        try await OpeningService.requireAllowed(
            EnvelopeRef(depositID: entry.depositID, envelope: envelope), in: try job.envelopes(), for: .openOnline,
            consultation: consultation, sql: sql)
    }

    /// The decrypted file's name: the sealed name without `.p7m`.
    package static func plaintextName(_ sealed: String) -> String {
        sealed.lowercased().hasSuffix(".p7m") && sealed.count > 4 ? String(sealed.dropLast(4)) : sealed
    }

    // MARK: - Helpers

    /// One pli as the consultation page and the descriptor list it: a complete deposit, numbered from 1.
    package struct PliLine: Sendable {
        package let number: Int
        package let depositID: Int64
        package let company: String
        package let completedAt: Int64?
        package let envelopes: [EnvelopeLine]

        package init(number: Int, depositID: Int64, company: String, completedAt: Int64?, envelopes: [EnvelopeLine]) {
            self.number = number
            self.depositID = depositID
            self.company = company
            self.completedAt = completedAt
            self.envelopes = envelopes
        }
    }

    /// One envelope of a pli, its opening state and its files (with their plaintext when opened).
    package struct EnvelopeLine: Sendable {
        package let envelope: ConsultationEnvelope
        package let opening: PlatformAPI.EnvelopeOpening
        package let files: [DepositFile]
        /// The files whose plaintext is stored.
        package let decrypted: Set<Int64>

        package init(
            envelope: ConsultationEnvelope, opening: PlatformAPI.EnvelopeOpening, files: [DepositFile],
            decrypted: Set<Int64>
        ) {
            self.envelope = envelope
            self.opening = opening
            self.files = files
            self.decrypted = decrypted
        }
    }

    /// The complete deposits of a consultation in deposit order, their envelopes and opening states.
    package static func plis(of consultationID: Int64, sql: any SQLDatabase) async throws -> [PliLine] {
        let deposits = DepositRepository(sql: sql)
        let companies = CompanyRepository(sql: sql)
        let jobs = RemoteJobRepository(sql: sql)
        let complete = try await deposits.deposits(of: consultationID).filter { $0.state == .complete }
        let opened = try await jobs.openedEnvelopes(of: complete.compactMap(\.id))
        var lines: [PliLine] = []
        for (position, deposit) in complete.enumerated() {
            let id = deposit.id ?? 0
            let files = try await deposits.files(of: id).filter(\.stored)
            let decrypted = Set(
                try await jobs.plaintexts(of: files.compactMap(\.id)).filter(\.isStored).map(\.depositFileId))
            let envelopes = Set(files.map(\.envelope)).sorted().map { envelope in
                EnvelopeLine(
                    envelope: envelope,
                    opening: opened.contains(.init(depositID: id, envelope: envelope.rawValue))
                        ? .openedOnline : .closed,
                    files: files.filter { $0.envelope == envelope }, decrypted: decrypted)
            }
            lines.append(
                PliLine(
                    number: position + 1, depositID: id,
                    company: try await companies.company(deposit.companyID)?.name ?? "",
                    completedAt: deposit.completedAt, envelopes: envelopes))
        }
        return lines
    }

    private static func requireOpening(_ job: RemoteJob) throws(DomainError) {
        guard job.kind == .openOnline else {
            throw DomainError.forbidden(reason: "Seule une tâche « Ouvrir en ligne » envoie des clés de déchiffrement.")
        }
    }

    private static func entityID(_ consultationID: Int64, sql: any SQLDatabase) async throws -> Int64? {
        try await DepositService.entityID(
            of: try await ConsultationRepository(sql: sql).require(id: consultationID), sql: sql)
    }
}
