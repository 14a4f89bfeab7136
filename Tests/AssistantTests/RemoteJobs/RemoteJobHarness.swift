import CorePlatformAPI
import CoreProtocol
import CoreTokens
import Foundation

@testable import Assistant

/// The assistant's side of remote jobs over a temporary state directory, plis folder and pairings file.
struct RemoteJobHarness {
    let work: URL
    let pairings: PairingStore
    let registry: JobRegistry
    let settings: RemoteJobSettings

    var plisFolder: URL { settings.plisFolder }
    var store: RemoteJobStore { RemoteJobStore(stateDirectory: settings.stateDirectory) }

    /// Pairs `origin`, pinning `publicKeyPEM` when given.
    init(origin: String, publicKeyPEM: String?, maxDownloadRate: Int? = nil) async throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-remote-jobs-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        pairings = try PairingStore(file: work.appendingPathComponent("pairings.json"))
        try await pairings.pair(try PlatformOrigin(origin), publicKeyPEM: publicKeyPEM)
        registry = JobRegistry(events: EventHub())
        var settings = RemoteJobSettings(
            stateDirectory: work.appendingPathComponent("state"), plisFolder: work.appendingPathComponent("Plis"),
            maxDownloadRate: maxDownloadRate)
        settings.retries = 4
        self.settings = settings
    }

    /// A service as the daemon (or `job run`) makes one; a new one is a restarted assistant.
    func service() -> RemoteJobService {
        RemoteJobService(settings: settings, pairings: pairings, registry: registry)
    }

    /// The registry's view of job `id`.
    func summary(_ id: String) async -> JobSummary? {
        await registry.list(origin: nil).first { $0.id == id }
    }

    func removeAll() { try? FileManager.default.removeItem(at: work) }
}

/// A PIN source that must not be asked (download jobs).
struct NoPINs: PINSource {
    func pin(for request: PINRequest) async throws -> String? { throw PINError.cancelled }
}

/// Random bytes, different at each call.
func randomBytes(_ count: Int) -> Data {
    var generator = SystemRandomNumberGenerator()
    return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
}
