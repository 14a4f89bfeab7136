import Logging
import PlatformTestSupport
import Synchronization
import Testing

@testable import PlatformApp
@testable import PlatformKernel

/// The background leases on both backends: one holder at a time, renewal, expiry and takeover, and a periodic
/// task run once across two nodes.
extension DatabaseTests {
    struct BackgroundLeaseTests {
        static let now: Int64 = 1_767_225_600

        @Test(arguments: StorageBackend.available)
        func oneHolderAtATimeUntilItsLeaseExpires(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let first = BackgroundLeases(database: database, node: "node-a", period: 60)
                let second = BackgroundLeases(database: database, node: "node-b", period: 60)
                let taken = try #require(try await first.acquire("sweep", now: Self.now))
                #expect(
                    taken == BackgroundLease(task: "sweep", holder: "node-a", expiresAt: Self.now + 60, lastRunAt: 0))
                #expect(try await second.acquire("sweep", now: Self.now + 1) == nil)
                // The holder renews before expiry; the other node still cannot take it.
                let renewed = try #require(try await first.acquire("sweep", now: Self.now + 40))
                #expect(renewed.expiresAt == Self.now + 100)
                #expect(try await second.acquire("sweep", now: Self.now + 99) == nil)
                // A dead holder stops renewing: after one period the other node takes the task over.
                let takenOver = try #require(try await second.acquire("sweep", now: Self.now + 100))
                #expect(takenOver.holder == "node-b")
                #expect(try await first.acquire("sweep", now: Self.now + 101) == nil)
                // Another task is leased independently.
                #expect(try await first.acquire("alerts", now: Self.now + 101) != nil)
            }
        }

        @Test(arguments: StorageBackend.available)
        func onlyTheHolderRecordsARunAndAReleaseHandsOverAtOnce(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let first = BackgroundLeases(database: database, node: "node-a", period: 60)
                let second = BackgroundLeases(database: database, node: "node-b", period: 60)
                _ = try #require(try await first.acquire("sweep", now: Self.now))
                #expect(try await second.markRun("sweep", at: Self.now) == false)
                #expect(try await first.markRun("sweep", at: Self.now))
                try await second.release("sweep")
                #expect(try await second.acquire("sweep", now: Self.now + 1) == nil)
                try await first.release("sweep")
                let taken = try #require(try await second.acquire("sweep", now: Self.now + 1))
                #expect(taken.holder == "node-b")
                #expect(taken.lastRunAt == Self.now)
            }
        }

        @Test(arguments: StorageBackend.available)
        func concurrentTakersGetOneLease(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let winners = try await withThrowingTaskGroup(of: String?.self) { group in
                    for index in 0..<8 {
                        group.addTask {
                            try await BackgroundLeases(database: database, node: "node-\(index)")
                                .acquire("race", now: Self.now)?.holder
                        }
                    }
                    return try await group.reduce(into: [String]()) { if let holder = $1 { $0.append(holder) } }
                }
                #expect(winners.count == 1)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aPeriodicTaskRunsOnceAcrossTwoNodesThenOnTheSurvivor(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let runs = Runs()
                func service(_ node: String) -> PeriodicService {
                    let task = PeriodicTask(name: "count", interval: .seconds(30)) {
                        runs.append(node)
                    }
                    return PeriodicService(
                        task: task, leases: BackgroundLeases(database: database, node: node, period: 60),
                        logger: Logger(label: "test"))
                }
                let (a, b) = (service("node-a"), service("node-b"))
                let ran1 = try await a.runIfDue(now: Self.now)
                #expect(ran1)
                let ran2 = try await b.runIfDue(now: Self.now)
                #expect(!ran2)
                // Not due again before its interval, on either node.
                let ran3 = try await a.runIfDue(now: Self.now + 20)
                #expect(!ran3)
                let ran4 = try await b.runIfDue(now: Self.now + 20)
                #expect(!ran4)
                let ran5 = try await a.runIfDue(now: Self.now + 30)
                #expect(ran5)
                let ran6 = try await b.runIfDue(now: Self.now + 60)
                #expect(!ran6)
                // node-a dies after renewing at +30: node-b takes over once the lease expired, and the task is due.
                let ran7 = try await b.runIfDue(now: Self.now + 90)
                #expect(ran7)
                #expect(runs.nodes == ["node-a", "node-a", "node-b"])
            }
        }

        @Test(arguments: StorageBackend.available)
        func aFailingRunIsRecordedSoItWaitsForItsInterval(backend: StorageBackend) async throws {
            struct Failure: Error {}
            try await withFreshDatabase(backend) { database in
                let service = PeriodicService(
                    task: PeriodicTask(name: "fails", interval: .seconds(30)) { throw Failure() },
                    leases: BackgroundLeases(database: database, node: "node-a"), logger: Logger(label: "test"))
                await #expect(throws: Failure.self) { try await service.runIfDue(now: Self.now) }
                let ran8 = try await service.runIfDue(now: Self.now + 10)
                #expect(!ran8)
            }
        }

        @Test func backoffDoublesUpToItsMaximum() {
            let backoff = Backoff(initial: 0.5, maximum: 8)
            #expect((1...7).map { backoff.delay(afterAttempt: $0) } == [0.5, 1, 2, 4, 8, 8, 8])
        }
    }
}

/// The nodes a task ran on, in order.
private final class Runs: Sendable {
    private let list = Mutex<[String]>([])

    func append(_ node: String) { list.withLock { $0.append(node) } }

    var nodes: [String] { list.withLock { $0 } }
}
