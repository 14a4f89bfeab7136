import CorePlatformAPI
import CoreSeal
import CoreTokens
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one remote job from where its state says it stands, to its end: the steps of its kind, each
/// file's phase saved as soon as it changes, so that a job killed at any point resumes without fetching
/// or opening again what was done.
struct RemoteJobRunner: Sendable {
    typealias Descriptor = PlatformAPI.RemoteJobDescriptor

    let descriptor: Descriptor
    let store: RemoteJobStore
    let client: JobPlatformClient
    let settings: RemoteJobSettings
    let throttle: DownloadThrottle?
    /// Asks the PIN of the token (online opening): the page's pinentry, the daemon's after a restart, or
    /// the command line's.
    let pins: any PINSource
    let handle: JobHandle
    let lines: (@Sendable (String) -> Void)?

    /// One sealed file with its place in the job.
    struct Item: Sendable {
        let pli: Descriptor.Pli
        let envelope: Descriptor.Envelope
        let file: Descriptor.File
        let detail: String
        /// "fichier offre.pdf.p7m du pli 2 (Société)".
        var name: String { "fichier \(file.name) du pli \(pli.number) (\(pli.company))" }
    }

    var items: [Item] {
        var items: [Item] = []
        for (p, pli) in descriptor.plis.enumerated() {
            for (e, envelope) in pli.envelopes.enumerated() {
                for (f, file) in envelope.files.enumerated() {
                    items.append(
                        Item(
                            pli: pli, envelope: envelope, file: file,
                            detail: "pli \(p + 1) sur \(descriptor.plis.count), enveloppe \(e + 1) sur "
                                + "\(pli.envelopes.count), fichier \(f + 1) sur \(envelope.files.count)"))
                }
            }
        }
        return items
    }

    /// Runs the job and records how it ended (in the store, the registry and on the platform).
    @discardableResult
    func run() async -> RemoteJobState.Outcome {
        let reporter = RemoteJobReporter(handle: handle, client: client, kind: descriptor.kind, lines: lines)
        let lock: Int32
        do {
            lock = try takeLock()
        } catch {
            await handle.fail(error)
            lines?(String(describing: error))
            return .failed
        }
        defer { close(lock) }
        do {
            var state = try load()
            switch descriptor.kind {
            case .download: try await download(&state, reporter)
            case .openOnline: try await openOnline(&state, reporter)
            }
            state.outcome = .succeeded
            state.error = nil
            try? store.save(state, id: descriptor.id)
            cleanUp()
            await reporter.succeed()
            return .succeeded
        } catch {
            let cancelled = handle.isCancelled || error is JobCancelled
            let outcome: RemoteJobState.Outcome
            if cancelled {
                outcome = .cancelled
            } else if case .unreachable = error as? RemoteJobError {
                // Resumed at the next start.
                outcome = .running
            } else {
                outcome = .failed
            }
            if var state = try? store.load(descriptor.id) {
                state.outcome = outcome
                state.error = cancelled ? "Traitement annulé à la demande." : String(describing: error)
                try? store.save(state, id: descriptor.id)
            }
            if outcome == .cancelled {
                removePartials()
                cleanUp()
            }
            await reporter.fail(error)
            return outcome == .running ? .failed : outcome
        }
    }

    private func load() throws -> RemoteJobState {
        guard let state = try store.load(descriptor.id) else {
            throw RemoteJobError.failed("L'état du traitement \(descriptor.id) a disparu.")
        }
        return state
    }

    private func save(_ state: RemoteJobState) async throws {
        let store = store
        let id = descriptor.id
        try await offCooperativePool { try store.save(state, id: id) }
    }

    /// One process at a time works on a job (the daemon, or `job run`).
    private func takeLock() throws -> Int32 {
        try DurableFile.makeDirectory(store.directory(descriptor.id))
        let path = store.directory(descriptor.id).appendingPathComponent("lock")
        let fd = open(path.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DurableFile.failure("open", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw RemoteJobError.failed(
                "Le traitement \(descriptor.id) est déjà en cours dans un autre processus de l'assistant.")
        }
        return fd
    }

    /// A cancelled download leaves no partial file in the plis folder.
    private func removePartials() {
        guard descriptor.kind == .download else { return }
        for item in items {
            let destination = PlisFolderLayout.destination(
                in: settings.plisFolder, consultation: descriptor.consultation.reference, pli: item.pli,
                envelope: item.envelope.kind, file: item.file.name)
            try? FileManager.default.removeItem(at: ChunkDownloader.partial(destination))
        }
    }

    /// Removes what only served while the job ran: the chunk logs, and the work folder where an older
    /// assistant's online opening kept sealed copies and plaintexts.
    private func cleanUp() {
        for item in items { store.forgetChunks(descriptor.id, file: item.file.id) }
        try? FileManager.default.removeItem(at: store.directory(descriptor.id).appendingPathComponent("files"))
    }

    private var downloader: ChunkDownloader {
        ChunkDownloader(
            client: client, store: store, jobID: descriptor.id, chunkSize: descriptor.chunkSize, throttle: throttle,
            cancellation: handle.cancellation)
    }

    /// Step "Récupération des fichiers": every file not downloaded yet, to `destination(item)`.
    private func fetchAll(
        _ state: inout RemoteJobState, _ reporter: RemoteJobReporter, destination: (Item) throws -> URL
    ) async throws {
        let downloader = downloader
        let waiting = items.filter { state.phase(of: $0.file.id) < .downloaded }
        var done = descriptor.totalBytes - waiting.reduce(0) { $0 + $1.file.size }
        for item in waiting { done += downloader.recordedBytes(of: item.file) }
        await reporter.begin(step: 0, done: done, total: descriptor.totalBytes)
        for item in waiting {
            if handle.isCancelled { throw JobCancelled() }
            await reporter.describe(item.detail)
            let target = try destination(item)
            // Renamed into place just before a crash kept the phase from being saved.
            let part = ChunkDownloader.partial(target)
            if !FileManager.default.fileExists(atPath: part.path),
                FileManager.default.fileExists(atPath: target.path),
                (try? ChunkDownloader.sha256(of: target)) == item.file.sha256.lowercased()
            {
                await reporter.add(item.file.size - downloader.recordedBytes(of: item.file))
                state.setPhase(.downloaded, of: item.file.id)
                try await save(state)
                continue
            }
            try await downloader.fetch(item.file, to: target, name: item.name) { bytes in
                await reporter.add(bytes)
            }
        }
    }

    // MARK: Télécharger les plis chiffrés

    private func download(_ state: inout RemoteJobState, _ reporter: RemoteJobReporter) async throws {
        let folder = settings.plisFolder
        let reference = descriptor.consultation.reference
        let destination: (Item) -> URL = { item in
            PlisFolderLayout.destination(
                in: folder, consultation: reference, pli: item.pli, envelope: item.envelope.kind, file: item.file.name)
        }
        try await fetchAll(&state, reporter, destination: destination)
        let waiting = items.filter { state.phase(of: $0.file.id) < .done }
        await reporter.begin(
            step: 1, done: 0, total: waiting.reduce(0) { $0 + $1.file.size })
        for item in waiting {
            if handle.isCancelled { throw JobCancelled() }
            await reporter.describe(item.detail)
            if state.phase(of: item.file.id) < .downloaded {
                try await downloader.finish(item.file, at: destination(item))
            }
            state.setPhase(.done, of: item.file.id)
            try await save(state)
            store.forgetChunks(descriptor.id, file: item.file.id)
            await reporter.add(item.file.size)
        }
        await reporter.begin(step: 2, done: 0, total: 0)
    }

    // MARK: Ouvrir en ligne

    /// Step 1 fetches only each file's CMS header (up to its RecipientInfos) by range requests; step 2
    /// opens the token's keys after its PIN; step 3 unwraps each file's content-encryption key on the token
    /// and releases it to the platform, which decrypts the sealed file it stores. Keys live in memory only,
    /// for the one request that releases them: never in the job's state, a log line or a message.
    private func openOnline(_ state: inout RemoteJobState, _ reporter: RemoteJobReporter) async throws {
        let waiting = items.filter { state.phase(of: $0.file.id) < .done }
        await reporter.begin(step: 0, done: 0, total: 0)
        var envelopes: [Int64: PliEnvelope] = [:]
        for item in waiting {
            if handle.isCancelled { throw JobCancelled() }
            await reporter.describe(item.detail)
            envelopes[item.file.id] = try await header(of: item)
        }
        await reporter.begin(step: 1, done: 0, total: 0)
        let keys = waiting.isEmpty ? [] : try await decryptionKeys(state.token)
        if handle.isCancelled { throw JobCancelled() }

        await reporter.begin(step: 2, done: 0, total: waiting.reduce(0) { $0 + $1.file.size })
        for item in waiting {
            if handle.isCancelled { throw JobCancelled() }
            await reporter.describe(item.detail)
            guard let envelope = envelopes[item.file.id] else { continue }
            let key: ContentEncryptionKey
            do {
                key = try await offCooperativePool { try envelope.contentEncryptionKey(with: keys) }
            } catch let error as SealError {
                throw RemoteJobError.token("La clé du support ne peut pas ouvrir le \(item.name) : \(error)")
            }
            _ = try await client.release(key, file: item.file.id)
            state.setPhase(.done, of: item.file.id)
            try await save(state)
            await reporter.add(item.file.size)
        }
        await reporter.begin(step: 3, done: 0, total: 0)
    }

    /// The CMS header of a sealed file, up to its RecipientInfos, by range requests: its first 16 KiB, four
    /// times more while the header goes on (originator certificates), up to 16 MiB.
    private func header(of item: Item) async throws -> PliEnvelope {
        var length: Int64 = 16 << 10
        while true {
            let range = 0..<min(length, item.file.size)
            guard !range.isEmpty else { throw Self.unreadable(item, SealError.truncated) }
            let bytes = try await client.chunk(file: item.file.id, range: range)
            do {
                return try PliEnvelope.inspect(firstBytes: Array(bytes))
            } catch SealError.truncated where range.upperBound < item.file.size && length < 16 << 20 {
                length *= 4
            } catch {
                throw Self.unreadable(item, error)
            }
        }
    }

    private static func unreadable(_ item: Item, _ error: any Error) -> RemoteJobError {
        .failed(
            "Le \(item.name) n'a pas l'en-tête d'un pli scellé (\(error)) : prévenez l'administrateur de la "
                + "plateforme.")
    }

    /// The keys of the token named at `jobs.start` (or the only one present), after its PIN.
    private func decryptionKeys(_ label: String?) async throws -> [any DecryptionKey] {
        let library = try await offCooperativePool { try P11Library.registered() }
        let token = try await RemoteJobTokens.resolve(label, library: library)
        let purpose = "\(descriptor.platform) veut ouvrir en ligne les plis de \(descriptor.consultation.reference)"
        return try await KeyOpener.decryptionKeys(token, key: nil, library: library, pins: pins, purpose: purpose)
    }
}
