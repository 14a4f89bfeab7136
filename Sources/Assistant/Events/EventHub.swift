import CoreProtocol

/// Fans events (card insertion and removal, job progress) out to the WebSocket sessions that
/// subscribed. A slow session only fills its own buffer, bounded: the oldest events are dropped.
actor EventHub {
    private struct Subscriber {
        let origin: String?
        let continuation: AsyncStream<JSONRPC.Notification>.Continuation
    }

    private var subscribers: [Int: Subscriber] = [:]
    private var nextIdentifier = 0

    /// A stream of every event published from now on for `origin` (or for all when nil), until
    /// `unsubscribe`.
    func subscribe(origin: String? = nil) -> (identifier: Int, events: AsyncStream<JSONRPC.Notification>) {
        let (stream, continuation) = AsyncStream.makeStream(
            of: JSONRPC.Notification.self, bufferingPolicy: .bufferingNewest(256))
        nextIdentifier += 1
        subscribers[nextIdentifier] = Subscriber(origin: origin, continuation: continuation)
        return (nextIdentifier, stream)
    }

    func unsubscribe(_ identifier: Int) {
        subscribers.removeValue(forKey: identifier)?.continuation.finish()
    }

    /// Sends `notification` to every subscriber, or only to those of `origin` (a job's progress is
    /// nobody else's business).
    func publish(_ notification: JSONRPC.Notification, origin: String? = nil) {
        for subscriber in subscribers.values where origin == nil || subscriber.origin == origin {
            subscriber.continuation.yield(notification)
        }
    }
}
