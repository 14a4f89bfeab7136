import Hummingbird
import HummingbirdWebSocket

/// The reference of bench/websocket.sh: a bare Hummingbird WebSocket server on 127.0.0.1 that echoes
/// every text message, with no checks and no JSON. Usage: sceau-bench-echo PORT
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 17999 : 17999
let router = Router(context: BasicWebSocketRequestContext.self)
router.ws("/ws") { inbound, outbound, _ in
    for try await message in inbound.messages(maxSize: 1 << 20) {
        if case .text(let text) = message { try await outbound.write(.text(text)) }
    }
}
let app = Application(
    router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
    configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
