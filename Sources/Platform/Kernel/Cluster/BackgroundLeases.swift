import Foundation

/// This node's view of the cluster's background leases: each periodic task runs on the one node holding its
/// lease. A lease lasts ``period`` seconds and its holder renews it well before (every third of it), so a dead
/// node's tasks are taken over by another node at most one period after its last renewal.
///
/// Expiry compares the nodes' clocks: keep them synchronised (NTP), to much less than a period.
package struct BackgroundLeases: Sendable {
    package let database: Database
    /// This node (`serve --node-id`).
    package let node: String
    /// How long a lease lasts without renewal, in seconds (`serve --lease-seconds`).
    package var period: Int64

    /// A minute.
    package static let defaultPeriod: Int64 = 60

    package init(database: Database, node: String, period: Int64 = defaultPeriod) {
        self.database = database
        self.node = node
        self.period = period
    }

    /// Takes or renews `task`'s lease; `nil` when another node holds it.
    package func acquire(_ task: String, now: Int64 = Timestamp.now()) async throws -> BackgroundLease? {
        let (node, until) = (node, now + period)
        return try await database.session { sql in
            try await BackgroundLeaseRepository(sql: sql).take(task, for: node, until: until, now: now)
        }
    }

    /// Records that `task` ran at `time` on this node; `false` if the lease was lost meanwhile.
    @discardableResult
    package func markRun(_ task: String, at time: Int64) async throws -> Bool {
        let node = node
        return try await database.session { sql in
            try await BackgroundLeaseRepository(sql: sql).markRun(task, by: node, at: time)
        }
    }

    /// Gives `task` up, if this node holds it (on shutdown: another node takes it at once).
    package func release(_ task: String) async throws {
        let node = node
        try await database.session { sql in try await BackgroundLeaseRepository(sql: sql).release(task, by: node) }
    }
}
