import Hummingbird
import Logging
import PlatformKernel

/// Records ``DepositIncident``s. A fault often is the database itself: an incident that cannot be written is kept
/// in this node's memory (up to ``capacity``) and written before the next one, or when the bidder's company
/// space is read. The error middleware logs each fault with its request, which a kill -9 of the node does not lose.
package actor DepositIncidents {
    private let database: Database
    private let node: String
    private let logger: Logger
    private var pending: [DepositIncident] = []
    /// Incidents kept while the database does not answer; the oldest are dropped beyond.
    package let capacity = 10_000

    package init(database: Database, node: String, logger: Logger) {
        self.database = database
        self.node = node
        self.logger = logger
    }

    /// Records that `action` on deposit `depositID` failed with `error`.
    package func record(depositID: Int64, action: String, error: any Error) async {
        pending.append(
            DepositIncident(
                depositID: depositID, recordedAt: Timestamp.now(), node: node, action: action,
                error: DepositIncident.describe(error)))
        if pending.count > capacity { pending.removeFirst(pending.count - capacity) }
        await flush()
    }

    /// Writes the incidents kept in memory; those the database refuses stay for the next time. The batch leaves
    /// `pending` before the write, so that two flushes interleaved at the actor's suspension never write, or
    /// remove, the same incidents twice.
    package func flush() async {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll()
        do {
            try await database.transaction { sql in
                let repository = DepositIncidentRepository(sql: sql)
                for incident in batch { try await repository.record(incident) }
            }
        } catch {
            pending.insert(contentsOf: batch, at: 0)
            if pending.count > capacity { pending.removeFirst(pending.count - capacity) }
            logger.warning("\(pending.count) deposit incident(s) kept in memory: the database refused them (\(error)).")
        }
    }

    /// How many incidents wait for the database.
    package var waiting: Int { pending.count }
}

/// Records a fault (an error that is neither a ``UserFacingError`` nor an `HTTPError`) on a deposit's routes as a
/// ``DepositIncident``; the error goes on to the error middleware unchanged.
package struct DepositIncidentMiddleware<Context: RequestContext>: RouterMiddleware {
    let incidents: DepositIncidents

    package init(incidents: DepositIncidents) { self.incidents = incidents }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as any UserFacingError {
            throw error
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            if let id = Self.depositID(request.uri.path) {
                await incidents.record(
                    depositID: id,
                    action: DepositIncident.action(method: request.method.rawValue, path: request.uri.path),
                    error: error)
            }
            throw error
        }
    }

    /// `ID` of `/api/deposits/ID…`.
    static func depositID(_ path: String) -> Int64? {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "api", parts[1] == "deposits" else { return nil }
        return Int64(parts[2])
    }
}
