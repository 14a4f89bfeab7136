import CoreModel
import CoreTokens
import Hummingbird
import HummingbirdWebSocket
import Logging

/// Assembles the assistant's HTTP application: the loopback listener, the Host check, the health
/// route, the page-facing WebSocket, the local page and the jobs they share.
func buildApplication(_ configuration: AssistantConfiguration) throws -> some ApplicationProtocol {
    var logger = Logger(label: "sceau-assistant")
    logger.logLevel = configuration.logLevel
    let swept = WorkFolder.sweep(configuration.workDirectory)
    if !swept.isEmpty {
        logger.notice(
            "Removed \(swept.count) job folders left in \(configuration.workDirectory.path) by an assistant that stopped abruptly."
        )
    }
    let events = EventHub()
    let pairings = try PairingStore(file: configuration.pairingsFile)
    let jobs = JobRegistry(events: events)
    let remoteJobs = RemoteJobService(
        settings: RemoteJobSettings(configuration), pairings: pairings, registry: jobs)
    let router = buildRouter(configuration, pairings: pairings, events: events, jobs: jobs, remoteJobs: remoteJobs)
    var app = Application(
        router: router,
        server: .http1WebSocketUpgrade(
            webSocketRouter: router,
            configuration: .init(maxFrameSize: configuration.maximumMessageSize + 16)),
        configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "sceau-assistant"),
        logger: logger
    )
    app.addServices(CardWatcher(hub: events, logger: logger))
    app.addServices(
        RemoteJobResumer(
            service: remoteJobs, pins: PinentrySource(program: configuration.pinentry), logger: logger))
    // Pages may also reach the assistant as [::1] on the same, fixed port.
    if configuration.port != 0 {
        let ipv6 = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(maxFrameSize: configuration.maximumMessageSize + 16)),
            configuration: .init(address: .hostname("::1", port: configuration.port), serverName: "sceau-assistant"),
            logger: logger
        )
        app.addServices(SecondaryListener(application: ipv6, address: "[::1]:\(configuration.port)", logger: logger))
    }
    return app
}

/// The assistant's routes, behind the Host check that every request (and WebSocket upgrade) goes through.
func buildRouter(
    _ configuration: AssistantConfiguration, pairings: PairingStore, events: EventHub, jobs: JobRegistry,
    remoteJobs: RemoteJobService
) -> Router<BasicWebSocketRequestContext> {
    let router = Router(context: BasicWebSocketRequestContext.self)
    router.add(middleware: LoopbackHostMiddleware(port: configuration.port))
    if configuration.logRequests { router.add(middleware: RequestLogMiddleware()) }
    router.add(middleware: MetricsMiddleware())  // requests and their latency per route (docs/operations.md)
    router.get("health") { _, _ in
        HealthReport(service: "sceau-assistant")
    }
    if let registry = configuration.metricsRegistry {
        MetricsRoute(registry: registry, port: configuration.port).register(on: router)
    }
    router.addAssistantWebSocket(
        pairings: pairings, events: events, jobs: jobs, remoteJobs: remoteJobs, pinentry: configuration.pinentry,
        maximumMessageSize: configuration.maximumMessageSize, settings: SessionSettings(configuration))
    LocalPageController(
        pairings: pairings, jobs: jobs, port: configuration.port, remoteJobs: remoteJobs,
        plisFolderFile: configuration.plisFolderFile
    ).register(on: router)
    return router
}

extension HealthReport: ResponseEncodable {}
