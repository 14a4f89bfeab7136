import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// The same routes on a second loopback address (`::1` beside `127.0.0.1`). A machine without IPv6
/// loopback only loses this listener: the failure is logged and the daemon goes on until shut down.
struct SecondaryListener<App: ApplicationProtocol>: Service {
    let application: App
    let address: String
    let logger: Logger

    func run() async throws {
        do {
            try await application.runService(gracefulShutdownSignals: [])
        } catch is CancellationError {
            return
        } catch {
            logger.notice("No listener on \(address): \(error). The assistant stays reachable on 127.0.0.1.")
            try? await gracefulShutdown()
        }
    }
}
