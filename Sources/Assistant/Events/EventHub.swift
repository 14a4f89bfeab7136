import CoreProtocol

/// Fans events (card insertion and removal, later job progress) out to the WebSocket sessions that
/// subscribed. A slow session only fills its own buffer, bounded: the oldest events are dropped.
actor EventHub {
    private var subscribers: [Int: AsyncStream<JSONRPC.Notification>.Continuation] = [:]
    private var nextIdentifier = 0

    /// A stream of every event published from now on, until `unsubscribe`.
    func subscribe() -> (identifier: Int, events: AsyncStream<JSONRPC.Notification>) {
        let (stream, continuation) = AsyncStream.makeStream(
            of: JSONRPC.Notification.self, bufferingPolicy: .bufferingNewest(256))
        nextIdentifier += 1
        subscribers[nextIdentifier] = continuation
        return (nextIdentifier, stream)
    }

    func unsubscribe(_ identifier: Int) {
        subscribers.removeValue(forKey: identifier)?.finish()
    }

    func publish(_ notification: JSONRPC.Notification) {
        for continuation in subscribers.values { continuation.yield(notification) }
    }
}
