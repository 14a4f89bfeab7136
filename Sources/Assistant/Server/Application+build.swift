import CoreModel
import Hummingbird
import Logging

/// Assembles the assistant's HTTP application: the loopback listener, the Host check and the routes.
func buildApplication(_ configuration: AssistantConfiguration) -> some ApplicationProtocol {
    var logger = Logger(label: "sceau-assistant")
    logger.logLevel = configuration.logLevel
    return Application(
        router: buildRouter(configuration),
        configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "sceau-assistant"),
        logger: logger
    )
}

/// The assistant's routes, behind the Host check that every request goes through.
func buildRouter(_ configuration: AssistantConfiguration) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: LoopbackHostMiddleware(port: configuration.port))
    router.get("health") { _, _ in
        HealthReport(service: "sceau-assistant")
    }
    return router
}

extension HealthReport: ResponseEncodable {}
