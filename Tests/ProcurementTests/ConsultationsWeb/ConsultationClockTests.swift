import Foundation
import PlatformTestSupport
import Synchronization
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A clock the test moves by hand, read by the service as its current time.
private final class TestClock: Sendable {
    private let value: Mutex<Int64>

    init(_ start: Int64) { value = Mutex(start) }

    var now: Int64 { value.withLock { $0 } }

    func set(_ second: Int64) { value.withLock { $0 = second } }
}

/// The deadline rules of the use cases, to the second, on a clock the test controls.
extension DatabaseTests {
    struct ConsultationClockTests {
        @Test(arguments: StorageBackend.available)
        func theDeadlineSecondBelongsToOpeningNeverToValidation(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, roles: ["prm": [.contractingAuthority]])
                let prmID = try fixture["prm"].agentID
                let clock = TestClock(1_900_000_000)
                try await harness.withDatabase { database in
                    let service = ConsultationService(database: database, clock: { clock.now })
                    let authority = try await database.session { sql in
                        let agents = AgentRepository(sql: sql)
                        guard let agent = try await agents.find(prmID) else {
                            throw DomainError.notFound(what: "Agent")
                        }
                        return try await agents.authority(of: agent)
                    }
                    var draft = fixture.input(reference: "AO_CLOCK_1").draft
                    draft.onlineFrom = clock.now
                    draft.deadline = clock.now + 3_600
                    let first = try #require(try await service.create(draft, by: authority).id)
                    _ = try await service.apply(.submit, to: first, by: authority)
                    _ = try await service.apply(.validate, to: first, by: authority)
                    clock.set(draft.deadline - 1)
                    await #expect(
                        throws: DomainError.conflict(
                            reason: ConsultationError.deadlineNotReached(deadline: draft.deadline).description)
                    ) {
                        try await service.apply(.open, to: first, by: authority)
                    }
                    #expect(!(try await service.show(first, for: authority).actions.contains(.open)))
                    clock.set(draft.deadline)
                    #expect(try await service.show(first, for: authority).actions.contains(.open))
                    #expect(try await service.apply(.open, to: first, by: authority).state == .openingAndAnalysis)

                    // A second consultation submitted one second before its deadline cannot be validated at it.
                    draft.reference = "AO_CLOCK_2"
                    draft.onlineFrom = clock.now
                    draft.deadline = clock.now + 60
                    let second = try #require(try await service.create(draft, by: authority).id)
                    clock.set(draft.deadline - 1)
                    _ = try await service.apply(.submit, to: second, by: authority)
                    clock.set(draft.deadline)
                    await #expect(
                        throws: DomainError.conflict(
                            reason: ConsultationError.deadlinePassed(deadline: draft.deadline).description)
                    ) {
                        try await service.apply(.validate, to: second, by: authority)
                    }
                    let history = try await service.history(of: first, for: authority)
                    #expect(history.last?.at == draft.deadline - 60)
                }
            }
        }

        @Test func formsReadAndShowParisTime() throws {
            // Summer time (UTC+2) and winter time (UTC+1).
            #expect(try ParisTime.parse("01/07/2026 12:00", field: "date") == 1_782_900_000)
            #expect(try ParisTime.parse("2026-07-01T12:00", field: "date") == 1_782_900_000)
            #expect(try ParisTime.parse("15/01/2026 17:30", field: "date") == 1_768_494_600)
            #expect(ParisTime.format(1_782_900_000) == "01/07/2026 12:00")
            #expect(ParisTime.format(1_768_494_600) == "15/01/2026 17:30")
            for wrong in ["31/02/2026 10:00", "01/07/2026", "1/13/2026 10:00", "demain", "01/07/2026 24:00"] {
                #expect(throws: DomainError.self, "\(wrong)") { try ParisTime.parse(wrong, field: "date") }
            }
        }
    }
}
