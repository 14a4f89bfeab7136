import Synchronization

/// Whether this node still takes new work: it stops (`/ready` answers 503) as soon as its graceful shutdown
/// starts, so that the load balancer drains it while it finishes the requests in flight.
package final class NodeReadiness: Sendable {
    private let draining = Atomic<Bool>(false)

    package init() {}

    /// The node is shutting down.
    package func startDraining() {
        draining.store(true, ordering: .relaxed)
    }

    package var isDraining: Bool { draining.load(ordering: .relaxed) }
}
