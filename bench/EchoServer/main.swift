import Hummingbird
import HummingbirdWebSocket

/// The reference of bench/websocket.sh and bench/notifications.sh: a bare Hummingbird WebSocket server
/// on 127.0.0.1, with no checks and no JSON. It echoes every text message, except `push COUNT PAYLOAD`,
/// which it answers with COUNT text messages PAYLOAD, written one after the other as the assistant
/// writes its notifications. Usage: sceau-bench-echo PORT
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 17999 : 17999
let router = Router(context: BasicWebSocketRequestContext.self)
router.ws("/ws") { inbound, outbound, _ in
    for try await message in inbound.messages(maxSize: 1 << 20) {
        guard case .text(let text) = message else { continue }
        if text.hasPrefix("push "), case let parts = text.split(separator: " ", maxSplits: 2), parts.count == 3,
            let count = Int(parts[1])
        {
            let payload = String(parts[2])
            for _ in 0..<count { try await outbound.write(.text(payload)) }
        } else {
            try await outbound.write(.text(text))
        }
    }
}
let app = Application(
    router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
    configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
