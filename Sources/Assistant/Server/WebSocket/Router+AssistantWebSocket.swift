import CoreProtocol
import CoreTokens
import Foundation
import Hummingbird
import HummingbirdWebSocket

extension Router where Context == BasicWebSocketRequestContext {
    /// The page-facing WebSocket at ``AssistantProtocol/path``: upgraded only for a paired platform
    /// origin (the Host was checked by ``LoopbackHostMiddleware`` before), JSON-RPC text messages of at
    /// most `maximumMessageSize` bytes.
    func addAssistantWebSocket(
        pairings: PairingStore, events hub: EventHub, jobs: JobRegistry, remoteJobs: RemoteJobService,
        pinentry: String, maximumMessageSize: Int, settings: SessionSettings,
        metrics: AssistantMetrics = AssistantMetrics()
    ) {
        ws(RouterPath(AssistantProtocol.path)) { request, _ in
            // Exactly one Origin, naming a paired platform.
            let origins = request.headers[values: .origin]
            guard origins.count == 1, let origin = origins.first, await pairings.isPaired(origin) else {
                return .dontUpgrade
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let origin = context.request.headers[.origin] ?? ""
            var session = RPCSession(
                origin: origin, pins: PinentrySource(program: pinentry), jobs: jobs, remoteJobs: remoteJobs,
                settings: settings)
            context.logger.info("WebSocket session opened by \(origin)")
            metrics.webSocketSessions.increment()
            metrics.webSocketSessionsOpened.increment()
            defer { metrics.webSocketSessions.decrement() }
            let (subscriber, events) = await hub.subscribe(origin: origin)
            let gate = EventGate()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events where await gate.isOpen {
                        try await outbound.write(
                            .text(String(decoding: try JSONEncoder().encode(event), as: UTF8.self)))
                    }
                }
                defer { group.cancelAll() }
                let frames = WebSocketFrames(inbound.messages(maxSize: maximumMessageSize), outbound: outbound)
                do {
                    while let message = try await frames.next() {
                        guard case .text(let text) = message else {
                            let error = JSONRPC.Response(
                                id: nil, error: .invalidRequest("binary frames belong to a method that announced them"))
                            try await outbound.write(.text(try Self.encode(error)))
                            continue
                        }
                        if let response = await session.handle(text, frames: frames) {
                            try await outbound.write(.text(try Self.encode(response)))
                        }
                        if session.subscribed { await gate.open() }
                    }
                } catch {
                    await hub.unsubscribe(subscriber)
                    throw error
                }
                await hub.unsubscribe(subscriber)
            }
            context.logger.info("WebSocket session closed by \(origin)")
        }
    }

    private static func encode(_ response: JSONRPC.Response) throws -> String {
        String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
    }
}

/// Whether a session's events are forwarded yet (after `events.subscribe`).
actor EventGate {
    private(set) var isOpen = false
    func open() { isOpen = true }
}
