import CorePlatformAPI
import CoreProtocol
import CoreTokens
import Foundation

/// Accepts the platform's job offers and runs them: checks the offer against the key pinned at pairing
/// and the origin, claims the credential once, saves the job in the store, and runs it in a task of its
/// own (detached from the page: closing it does not stop the job). Resumes unfinished jobs at start.
actor RemoteJobService {
    let store: RemoteJobStore
    let pairings: PairingStore
    let registry: JobRegistry
    private(set) var settings: RemoteJobSettings
    private let throttle: DownloadThrottle?
    private var running: [String: Task<RemoteJobState.Outcome, Never>] = [:]

    init(settings: RemoteJobSettings, pairings: PairingStore, registry: JobRegistry) {
        self.settings = settings
        self.pairings = pairings
        self.registry = registry
        store = RemoteJobStore(stateDirectory: settings.stateDirectory)
        throttle = settings.maxDownloadRate.map { DownloadThrottle(bytesPerSecond: $0) }
    }

    /// Jobs started from now on put the sealed plis in `folder` (chosen on the local page).
    func usePlisFolder(_ folder: URL) {
        settings.plisFolder = folder
    }

    /// What `jobs.start` (or `job run`) answers, and the running job to wait for.
    struct Started: Sendable {
        let result: JobsStartResult
        let task: Task<RemoteJobState.Outcome, Never>?
    }

    /// Checks and starts (or resumes) the job `offer` brought by a page of `origin`, from the WebSocket
    /// session whose secret is `session` (which alone may cancel it from a page) when one brought it.
    func start(
        _ offer: PlatformAPI.RemoteJobOffer, origin: String, session: String? = nil, token: String?,
        pins: any PINSource, lines: (@Sendable (String) -> Void)? = nil
    ) async throws(RemoteJobError) -> Started {
        let descriptor = try await verify(offer, origin: origin)
        let id = descriptor.id
        if let task = running[id] {
            return Started(result: JobsStartResult(jobId: id, resumed: true), task: task)
        }
        let known: RemoteJobState?
        do {
            known = try store.load(id)
        } catch {
            throw .failed(String(describing: error))
        }
        if let known {
            guard known.outcome != .succeeded else {
                return Started(result: JobsStartResult(jobId: id, resumed: true), task: nil)
            }
            var state = known
            if let token { state.token = token }
            state.outcome = .running
            try persist(state, id: id)
            let task = await launch(descriptor, state: state, session: session, pins: pins, lines: lines)
            return Started(result: JobsStartResult(jobId: id, resumed: true), task: task)
        }
        var label = token
        if descriptor.kind == .openOnline {
            let library: P11Library
            do {
                library = try await offCooperativePool { try P11Library.registered() }
            } catch {
                throw .token("Les supports cryptographiques sont inaccessibles : \(error)")
            }
            label = try await RemoteJobTokens.resolve(token, library: library)
        }
        let client = JobPlatformClient(platform: descriptor.platform, job: id, retries: settings.retries)
        let credential = try await client.claim(jobToken: offer.token)
        let state = RemoteJobState(offer: offer, origin: origin, credential: credential, token: label)
        try persist(state, id: id)
        let task = await launch(descriptor, state: state, session: session, pins: pins, lines: lines)
        return Started(result: JobsStartResult(jobId: id, resumed: false), task: task)
    }

    /// Resumes every unfinished job of the store (at the daemon's start); the offer of each is checked
    /// again against its origin's pinned key. Returns the jobs that could not be resumed and why.
    @discardableResult
    func resumeUnfinished(pins: any PINSource) async -> [String: RemoteJobError] {
        var refused: [String: RemoteJobError] = [:]
        for (id, state) in store.all() where state.outcome == .running && running[id] == nil {
            do throws(RemoteJobError) {
                let descriptor = try await verify(state.offer, origin: state.origin)
                guard descriptor.id == id else { throw .refused("Le descripteur ne nomme pas ce traitement.") }
                _ = await launch(descriptor, state: state, pins: pins, lines: nil)
            } catch {
                var failed = state
                failed.outcome = .failed
                failed.error = error.description
                try? store.save(failed, id: id)
                refused[id] = error
            }
        }
        return refused
    }

    /// The running job `id`, to wait for its end.
    func task(_ id: String) -> Task<RemoteJobState.Outcome, Never>? { running[id] }

    /// The public key pinned when `origin` was paired, which every job it hands over must be signed with.
    func pinnedKey(of origin: String) async throws(RemoteJobError) -> (PlatformOrigin, String) {
        guard let platform = try? PlatformOrigin(origin) else {
            throw .refused("\(origin) n'est pas l'origine d'une plateforme appairée.")
        }
        guard let pairing = await pairings.pairing(platform) else {
            throw .refused(
                "\(platform) n'est pas appairée avec cet assistant : appairez-la avec "
                    + "`sceau-assistant pair \(platform) --public-key FICHIER`.")
        }
        guard let key = pairing.publicKeyPEM else {
            throw .refused(
                "\(platform) est appairée sans sa clé publique : appairez-la de nouveau avec "
                    + "`sceau-assistant pair \(platform) --public-key FICHIER` (pair again with --public-key) pour "
                    + "que l'assistant vérifie les traitements qu'elle signe.")
        }
        return (platform, key)
    }

    /// The descriptor of `offer`, once checked against the pinned key of `origin` and its `platform`.
    func verify(_ offer: PlatformAPI.RemoteJobOffer, origin: String) async throws(RemoteJobError)
        -> PlatformAPI.RemoteJobDescriptor
    {
        let (platform, key) = try await pinnedKey(of: origin)
        let descriptor: PlatformAPI.RemoteJobDescriptor
        do {
            descriptor = try offer.verifiedDescriptor(publicKeyPEM: key)
        } catch {
            switch error {
            case .badSignature, .unusablePinnedKey: throw .refused(error.description)
            case .malformed, .unsupportedVersion: throw .invalid(error.description)
            }
        }
        guard (try? PlatformOrigin(descriptor.platform)) == platform else {
            throw .refused(
                "Le traitement est émis pour \(descriptor.platform), pas pour \(platform) qui l'a transmis : refusé.")
        }
        guard RemoteJobStore.isValidID(descriptor.id) else {
            throw .invalid("L'identifiant du traitement (\(descriptor.id)) n'est pas un UUID.")
        }
        return descriptor
    }

    private func persist(_ state: RemoteJobState, id: String) throws(RemoteJobError) {
        do {
            try store.save(state, id: id)
        } catch {
            throw .failed(String(describing: error))
        }
    }

    private func launch(
        _ descriptor: PlatformAPI.RemoteJobDescriptor, state: RemoteJobState, session: String? = nil,
        pins: any PINSource, lines: (@Sendable (String) -> Void)?
    ) async -> Task<RemoteJobState.Outcome, Never> {
        let handle = await registry.start(
            id: descriptor.id, kind: descriptor.kind.rawValue,
            title: "\(descriptor.kind.label) — \(descriptor.consultation.reference)", origin: state.origin,
            session: session, steps: descriptor.kind.steps)
        let runner = RemoteJobRunner(
            descriptor: descriptor, store: store,
            client: JobPlatformClient(
                platform: descriptor.platform, job: descriptor.id, credential: state.credential.credential,
                retries: settings.retries),
            settings: settings, throttle: throttle, pins: pins, handle: handle, lines: lines)
        let id = descriptor.id
        let task = Task.detached {
            let outcome = await runner.run()
            await self.finished(id)
            return outcome
        }
        running[id] = task
        return task
    }

    private func finished(_ id: String) {
        running[id] = nil
    }
}
