import CoreTokens
import Logging
import ServiceLifecycle

/// At the daemon's start, resumes the remote jobs left unfinished (their PINs asked through the
/// daemon's pinentry), then waits for shutdown.
struct RemoteJobResumer: Service {
    let service: RemoteJobService
    let pins: any PINSource
    let logger: Logger

    func run() async throws {
        let refused = await service.resumeUnfinished(pins: pins)
        for (id, error) in refused.sorted(by: { $0.key < $1.key }) {
            logger.warning("Remote job \(id) not resumed: \(error)")
        }
        try? await gracefulShutdown()
    }
}

extension RemoteJobSettings {
    init(_ configuration: AssistantConfiguration) {
        self.init(
            stateDirectory: configuration.stateDirectory, plisFolder: configuration.plisFolder,
            maxDownloadRate: configuration.maxDownloadRate)
    }
}
