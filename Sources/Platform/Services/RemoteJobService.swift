import CorePlatformAPI
import Foundation
import NIOCore
import SQLKit

/// Remote jobs (`docs/remote-jobs.md`): an agent with the opening right asks for one after the deadline,
/// the platform signs its descriptor and hands a one-time token; the assistant trades it for a credential,
/// fetches the sealed files in ranges, reports progress and, for an online opening, sends the plaintexts
/// back, which open the envelopes. Each use case is one transaction, rights first, every change journaled.
struct RemoteJobService: Sendable {
    let database: Database
    let files: FileStore
    let uploads: ChunkedUploads
    let signingKey: PlatformSigningKey
    let digests: SealedChunkDigests
    /// The files of each job's descriptor and those already served, shared by every copy of the service.
    let index = RemoteJobFileIndex()
    /// The current time in seconds since 1970; injected so that tests can expire tokens.
    var clock: @Sendable () -> Int64 = { Timestamp.now() }

    // MARK: - Agents

    /// A new job of `kind` on the consultation, signed, with its one-time token (the only time it is shown).
    func create(
        _ kind: PlatformAPI.RemoteJobKind, consultationID: Int64, platform: String, requestedBy: String,
        by actor: AgentAuthority
    ) async throws -> PlatformAPI.RemoteJobOffer {
        let now = clock()
        let (consultation, plis) = try await database.session { sql in
            let (consultation, _) = try await ConsultationAccess.require(
                .open, consultationID: consultationID, actor: actor, sql: sql)
            try RegisterService.checkOpening(consultation, at: now)
            return (consultation, try await Self.plis(of: consultationID, sql: sql))
        }
        var described: [PlatformAPI.RemoteJobDescriptor.Pli] = []
        for pli in plis {
            var envelopes: [PlatformAPI.RemoteJobDescriptor.Envelope] = []
            for envelope in pli.envelopes where kind == .download || envelope.opening == .closed {
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
    func jobs(of consultationID: Int64, by actor: AgentAuthority) async throws -> [PlatformAPI.RemoteJobStatus] {
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

    /// The plis of the consultation with each envelope's opening state, for the agents who may open them
    /// now; `nil` for the others (no opening right, before the deadline or the opening step).
    func openablePlis(of consultationID: Int64, by actor: AgentAuthority) async throws -> [PliLine]? {
        let now = clock()
        return try await database.session { sql in
            let access = try await ConsultationService.access(consultationID, for: actor, sql: sql)
            guard access.rights.contains(.open), RegisterService.mayOpen(access.consultation, at: now) else {
                return nil
            }
            return try await Self.plis(of: consultationID, sql: sql)
        }
    }

    /// The decrypted content of a sealed file opened online, for agents with the opening right; journaled.
    func plaintext(depositID: Int64, fileID: Int64, by actor: AgentAuthority) async throws -> (
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
    func claim(_ jobID: String, token: String) async throws -> PlatformAPI.RemoteJobCredential {
        let now = clock()
        return try await database.transaction { sql in
            let repository = RemoteJobRepository(sql: sql)
            guard let job = try await repository.find(tokenSHA256: SessionToken.hash(token)), job.id == jobID,
                job.tokenClaimedAt == nil, now < job.tokenExpiresAt
            else { throw RemoteJobUnauthorized.invalidToken }
            let credential = SessionToken.random()
            let expiresAt = now + RemoteJobPolicy.credentialLifetime
            guard
                try await repository.claim(
                    jobID, at: now, credentialSHA256: SessionToken.hash(credential), expiresAt: expiresAt)
            else { throw RemoteJobUnauthorized.invalidToken }
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(job.agentID), entityID: try await Self.entityID(job.consultationID, sql: sql),
                    subject: .consultation(job.consultationID), action: .remoteJobClaimed, details: ["job": job.id]),
                at: now)
            return PlatformAPI.RemoteJobCredential(credential: credential, expiresAt: expiresAt)
        }
    }

    /// The job a credential authorises, refused once expired or, unless `whenOver`, once the job is over.
    func authenticate(_ jobID: String, credential: String, whenOver: Bool = false) async throws -> RemoteJob {
        let now = clock()
        let job = try await database.session { sql in
            try await RemoteJobRepository(sql: sql).find(credentialSHA256: SessionToken.hash(credential))
        }
        guard let job, job.id == jobID, let expiresAt = job.credentialExpiresAt, now < expiresAt,
            whenOver || !job.progress.state.isFinal
        else { throw RemoteJobUnauthorized.invalidCredential }
        return job
    }

    /// A sealed file of the job's descriptor, to serve in ranges; the first access of each file is journaled.
    /// The hot path of a download: the descriptor is read once per job and the journal once per file.
    func sealedFile(_ fileID: Int64, of job: RemoteJob) async throws -> (name: String, size: Int64, hash: ContentHash) {
        guard let entry = try await index.entry(fileID, of: job), let hash = ContentHash(hex: entry.file.sha256) else {
            throw DomainError.notFound(what: "Fichier de la tâche")
        }
        if await !index.wasServed(fileID, of: job.id) {
            let now = clock()
            try await database.transaction { sql in
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
    func served(_ count: Int64, for job: RemoteJob) async throws {
        try await database.session { sql in try await RemoteJobRepository(sql: sql).addBytesServed(job.id, count) }
    }

    /// Stores the assistant's progress; the end of the job is journaled once. A job already over keeps its end.
    func report(_ progress: PlatformAPI.RemoteJobProgress, for job: RemoteJob) async throws {
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
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .agent(job.agentID), entityID: try await Self.entityID(job.consultationID, sql: sql),
                        subject: .consultation(job.consultationID), action: .remoteJobEnded, details: details), at: now)
            }
        }
    }

    /// Announces the plaintext of a sealed file of an online opening; announcing it again returns the
    /// chunks still missing, or `stored` once it is stored.
    func announcePlaintext(_ announcement: PlatformAPI.NewPlaintext, of fileID: Int64, for job: RemoteJob)
        async throws -> PlatformAPI.PlaintextUpload
    {
        try Self.requireOpening(job)
        guard let entry = try await index.entry(fileID, of: job) else {
            throw DomainError.notFound(what: "Fichier de la tâche")
        }
        guard let hash = ContentHash(hex: announcement.sha256) else {
            throw DomainError.invalidField(
                field: "sha256", reason: "Une empreinte SHA-256 de 64 chiffres hexadécimaux.")
        }
        guard announcement.size >= 0 else {
            throw DomainError.invalidField(field: "size", reason: "La taille ne peut pas être négative.")
        }
        // The content of a CMS envelope is never larger than the envelope.
        guard announcement.size <= entry.file.size else {
            throw DomainError.tooLarge(
                reason: "Le fichier déchiffré ne peut pas être plus grand que le pli chiffré "
                    + "(\(FrenchByteCount.text(entry.file.size))) : déchiffrez de nouveau le pli et envoyez le résultat."
            )
        }
        let name = try Self.checkName(announcement.name)
        let manifest = UploadManifest(size: announcement.size, sha256: hash, chunkSize: RemoteJobPolicy.chunkSize)
        let existing = try await database.session { sql in try await RemoteJobRepository(sql: sql).plaintext(of: fileID)
        }
        if let existing, existing.sha256 == hash.hex, existing.size == announcement.size, existing.name == name {
            if existing.isStored { return Self.upload(existing, fileID: fileID, stored: true, missing: []) }
            if existing.jobId == job.id, let upload = try? await uploads.open(id: existing.uploadId) {
                return Self.upload(existing, fileID: fileID, stored: false, missing: try await upload.missingChunks())
            }
        } else if let existing, existing.isStored {
            throw DomainError.conflict(
                reason: "Le fichier déchiffré de « \(existing.name) » est déjà enregistré avec une autre empreinte.")
        }
        let uploadID = UUID().uuidString.lowercased()
        let upload = try await uploads.start(id: uploadID, manifest: manifest)
        let plaintext = RemoteJobRepository.Plaintext(
            depositFileId: fileID, jobId: job.id, name: name, size: announcement.size, sha256: hash.hex,
            uploadId: uploadID, stored: 0, storedAt: nil)
        try await database.transaction { sql in
            let repository = RemoteJobRepository(sql: sql)
            if let current = try await repository.plaintext(of: fileID), current.isStored {
                throw DomainError.conflict(reason: "Le fichier déchiffré de « \(current.name) » est déjà enregistré.")
            }
            try await repository.announce(plaintext)
        }
        return Self.upload(plaintext, fileID: fileID, stored: false, missing: try await upload.missingChunks())
    }

    /// Receives chunk `index` of a plaintext; when this returns, the chunk is on disk for good.
    func receivePlaintextChunk(_ index: Int, bytes: ByteBuffer, of fileID: Int64, for job: RemoteJob) async throws {
        try Self.requireOpening(job)
        let plaintext = try await announced(fileID, for: job)
        guard !plaintext.isStored else { return }
        do {
            try await uploads.open(id: plaintext.uploadId).accept(index: index, bytes: bytes)
        } catch let error as UploadError {
            throw DomainError.invalidField(field: "morceau \(index)", reason: error.description)
        }
    }

    /// Checks the whole plaintext against its size and SHA-256 and stores it; the envelope opens once every
    /// file of it has its plaintext stored. Completing again answers the same.
    func completePlaintext(of fileID: Int64, for job: RemoteJob) async throws -> PlatformAPI.PlaintextUpload {
        try Self.requireOpening(job)
        let plaintext = try await announced(fileID, for: job)
        if plaintext.isStored { return Self.upload(plaintext, fileID: fileID, stored: true, missing: []) }
        let upload = try await uploads.open(id: plaintext.uploadId)
        let missing = try await upload.missingChunks()
        guard missing.isEmpty else {
            throw DomainError.conflict(
                reason: "Le fichier déchiffré « \(plaintext.name) » n'est pas entièrement reçu : "
                    + "\(missing.count) morceau(x) manquant(s). Envoyez-les puis terminez l'envoi.")
        }
        do {
            _ = try await upload.complete(into: files)
        } catch let error as UploadError {
            throw DomainError.conflict(
                reason:
                    "Le fichier déchiffré « \(plaintext.name) » ne correspond pas à son annonce : \(error.description)")
        }
        guard let entry = try await index.entry(fileID, of: job) else {
            throw DomainError.notFound(what: "Fichier de la tâche")
        }
        let (depositID, envelope) = (entry.depositID, entry.envelope)
        let now = clock()
        try await database.transaction { sql in
            let repository = RemoteJobRepository(sql: sql)
            guard try await repository.plaintext(of: fileID)?.isStored == false else { return }
            try await repository.markStored(plaintextOf: fileID, at: now)
            let journal = JournalRepository(sql: sql)
            let entity = try await Self.entityID(job.consultationID, sql: sql)
            _ = try await journal.append(
                JournalEvent(
                    actor: .agent(job.agentID), entityID: entity, subject: .envelope(fileID),
                    action: .envelopePlaintextStored,
                    details: [
                        "deposit": String(depositID), "envelope": envelope, "job": job.id, "sha256": plaintext.sha256,
                        "size": String(plaintext.size),
                    ]), at: now)
            let envelopeFiles = try await DepositRepository(sql: sql).files(of: depositID)
                .filter { $0.envelope.rawValue == envelope }.compactMap(\.id)
            let stored = try await repository.plaintexts(of: envelopeFiles).filter(\.isStored).count
            if stored == envelopeFiles.count,
                try await repository.markOpened(deposit: depositID, envelope: envelope, job: job.id, at: now)
            {
                _ = try await journal.append(
                    JournalEvent(
                        actor: .agent(job.agentID), entityID: entity, subject: .deposit(depositID),
                        action: .envelopeOpened,
                        details: ["envelope": envelope, "job": job.id, "mode": "en-ligne"]), at: now)
            }
        }
        return Self.upload(plaintext, fileID: fileID, stored: true, missing: [])
    }

    // MARK: - Helpers

    /// One pli as the consultation page and the descriptor list it: a complete deposit, numbered from 1.
    struct PliLine: Sendable {
        let number: Int
        let depositID: Int64
        let company: String
        let completedAt: Int64?
        let envelopes: [EnvelopeLine]
    }

    /// One envelope of a pli, its opening state and its files (with their plaintext when opened).
    struct EnvelopeLine: Sendable {
        let envelope: ConsultationEnvelope
        let opening: PlatformAPI.EnvelopeOpening
        let files: [DepositFile]
        /// The files whose plaintext is stored.
        let decrypted: Set<Int64>
    }

    /// The complete deposits of a consultation in deposit order, their envelopes and opening states.
    static func plis(of consultationID: Int64, sql: any SQLDatabase) async throws -> [PliLine] {
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

    private func announced(_ fileID: Int64, for job: RemoteJob) async throws -> RemoteJobRepository.Plaintext {
        guard try await index.entry(fileID, of: job) != nil,
            let plaintext = try await database.session({ sql in
                try await RemoteJobRepository(sql: sql).plaintext(of: fileID)
            }), plaintext.jobId == job.id || plaintext.isStored
        else {
            throw DomainError.notFound(what: "Envoi du fichier déchiffré (annoncez-le d'abord)")
        }
        return plaintext
    }

    private static func requireOpening(_ job: RemoteJob) throws(DomainError) {
        guard job.kind == .openOnline else {
            throw DomainError.forbidden(reason: "Seule une tâche « Ouvrir en ligne » renvoie des fichiers déchiffrés.")
        }
    }

    private static func checkName(_ name: String) throws(DomainError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 255, !trimmed.contains("/"), !trimmed.contains("\\"),
            trimmed != ".", trimmed != "..", !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 })
        else {
            throw DomainError.invalidField(
                field: "name",
                reason: "Un nom de fichier sans dossier ni caractère de contrôle, 255 caractères au plus.")
        }
        return trimmed
    }

    private static func upload(
        _ plaintext: RemoteJobRepository.Plaintext, fileID: Int64, stored: Bool, missing: [Int]
    ) -> PlatformAPI.PlaintextUpload {
        PlatformAPI.PlaintextUpload(
            fileID: fileID, name: plaintext.name, size: plaintext.size, sha256: plaintext.sha256,
            chunkSize: RemoteJobPolicy.chunkSize,
            chunkCount: PlatformAPI.RemoteJobDescriptor.chunkCount(
                size: plaintext.size, chunkSize: RemoteJobPolicy.chunkSize),
            stored: stored, missingChunks: missing)
    }

    private static func entityID(_ consultationID: Int64, sql: any SQLDatabase) async throws -> Int64? {
        try await DepositService.entityID(
            of: try await ConsultationRepository(sql: sql).require(id: consultationID), sql: sql)
    }
}
