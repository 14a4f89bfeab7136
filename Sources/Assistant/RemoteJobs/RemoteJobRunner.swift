import CorePlatformAPI
import CoreSeal
import CoreTokens
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one remote job from where its state says it stands, to its end: the steps of its kind, each
/// file's phase saved as soon as it changes, so that a job killed at any point resumes without fetching,
/// decrypting or sending again what was done.
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

    /// Removes what only served while the job ran: the chunk logs and the work folder.
    private func cleanUp() {
        for item in items { store.forgetChunks(descriptor.id, file: item.file.id) }
        try? FileManager.default.removeItem(at: store.directory(descriptor.id).appendingPathComponent("files"))
    }

    private var downloader: ChunkDownloader {
        ChunkDownloader(
            client: client, store: store, jobID: descriptor.id, chunkSize: descriptor.chunkSize, throttle: throttle,
            cancellation: handle.cancellation)
    }

    /// Step "Récupération des fichiers": every file not downloaded yet, to `destination(item)`; when
    /// `placeNow`, each is renamed into place as soon as its chunks are there and checked.
    private func fetchAll(
        _ state: inout RemoteJobState, _ reporter: RemoteJobReporter, placeNow: Bool,
        destination: (Item) throws -> URL
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
            if placeNow {
                try await downloader.finish(item.file, at: target)
                state.setPhase(.downloaded, of: item.file.id)
                try await save(state)
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
        try await fetchAll(&state, reporter, placeNow: false, destination: destination)
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

    private func openOnline(_ state: inout RemoteJobState, _ reporter: RemoteJobReporter) async throws {
        let work = try store.workDirectory(descriptor.id)
        let sealed: (Item) -> URL = { work.appendingPathComponent("\($0.file.id).p7m") }
        let plain: (Item) -> URL = { work.appendingPathComponent("\($0.file.id).plain") }
        try await fetchAll(&state, reporter, placeNow: true, destination: sealed)

        // A plaintext lost before it was sent is decrypted again.
        for item in items where state.phase(of: item.file.id) == .decrypted {
            if !FileManager.default.fileExists(atPath: plain(item).path) {
                state.setPhase(.downloaded, of: item.file.id)
            }
        }
        await reporter.begin(step: 1, done: 0, total: 0)
        var opener: PliOpener?
        if items.contains(where: { state.phase(of: $0.file.id) == .downloaded }) {
            opener = PliOpener(keys: try await decryptionKeys(state.token))
        }
        if handle.isCancelled { throw JobCancelled() }

        let waiting = items.filter { state.phase(of: $0.file.id) < .done }
        await reporter.begin(step: 2, done: 0, total: waiting.reduce(0) { $0 + $1.file.size })
        for item in waiting {
            if handle.isCancelled { throw JobCancelled() }
            await reporter.describe(item.detail)
            if state.phase(of: item.file.id) == .downloaded, let opener {
                let input = sealed(item)
                let output = plain(item)
                let digest = try await offCooperativePool { try opener.open(input, to: output) }
                state.files[String(item.file.id), default: .init()].plaintextSize = digest.size
                state.files[String(item.file.id), default: .init()].plaintextSHA256 = digest.sha256Hex
                state.setPhase(.decrypted, of: item.file.id)
                try await save(state)
            }
            if state.phase(of: item.file.id) == .decrypted {
                let info = state.files[String(item.file.id)] ?? .init()
                try await upload(
                    item, from: plain(item), size: info.plaintextSize ?? 0, sha256: info.plaintextSHA256 ?? "")
                state.setPhase(.uploaded, of: item.file.id)
                try await save(state)
            }
            try? FileManager.default.removeItem(at: plain(item))
            try? FileManager.default.removeItem(at: sealed(item))
            state.setPhase(.done, of: item.file.id)
            try await save(state)
            await reporter.add(item.file.size)
        }
        await reporter.begin(step: 3, done: 0, total: 0)
    }

    /// The keys of the token named at `jobs.start` (or the only one present), after its PIN.
    private func decryptionKeys(_ label: String?) async throws -> [any DecryptionKey] {
        let library = try await offCooperativePool { try P11Library.registered() }
        let token = try await RemoteJobTokens.resolve(label, library: library)
        let purpose = "\(descriptor.platform) veut ouvrir en ligne les plis de \(descriptor.consultation.reference)"
        return try await KeyOpener.decryptionKeys(token, key: nil, library: library, pins: pins, purpose: purpose)
    }

    /// Sends a plaintext in chunks (those the platform still lacks, four at a time), then completes it.
    private func upload(_ item: Item, from file: URL, size: Int64, sha256: String) async throws {
        let name = item.file.name.hasSuffix(".p7m") ? String(item.file.name.dropLast(4)) : item.file.name
        let answer = try await client.announce(
            file: item.file.id, PlatformAPI.NewPlaintext(name: name, size: size, sha256: sha256))
        if !answer.stored {
            let chunkSize = max(1, answer.chunkSize)
            let client = client
            let cancellation = handle.cancellation
            try await withThrowingTaskGroup(of: Void.self) { group in
                var pending = answer.missingChunks.makeIterator()
                var inFlight = 0
                while true {
                    while inFlight < 4, let index = pending.next() {
                        group.addTask {
                            if cancellation.isCancelled { throw JobCancelled() }
                            let offset = Int64(index) * Int64(chunkSize)
                            let bytes = try await offCooperativePool {
                                try Self.read(file, offset: offset, count: Int(min(Int64(chunkSize), size - offset)))
                            }
                            try await client.putChunk(file: item.file.id, index: index, bytes)
                        }
                        inFlight += 1
                    }
                    guard inFlight > 0 else { break }
                    try await group.next()
                    inFlight -= 1
                }
            }
            let completed = try await client.complete(file: item.file.id)
            guard completed.stored else {
                throw RemoteJobError.failed(
                    "La plateforme n'a pas enregistré le \(item.name) déchiffré (morceaux manquants : "
                        + "\(completed.missingChunks.map(String.init).joined(separator: ", "))). Relancez le traitement."
                )
            }
        }
    }

    private static func read(_ url: URL, offset: Int64, count: Int) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw DurableFile.failure("open", url) }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return try handle.read(upToCount: max(0, count)) ?? Data()
    }
}
