import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Households' account state and search on storage, and two agents opening one request at once: one lock.
extension DatabaseTests {
    struct RequestConcurrencyTests {
        @Test(arguments: StorageBackend.available)
        func twoAgentsOpeningAtOnceGetOneLock(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let details = try await withThrowingTaskGroup(of: CitizenRequestService.Detail.self) { group in
                    for agent in [f.instructor, f.colleague] {
                        group.addTask { try await f.service.open(f.requestID, by: agent) }
                    }
                    var details: [CitizenRequestService.Detail] = []
                    for try await detail in group { details.append(detail) }
                    return details
                }
                #expect(details.filter(\.editable).count == 1)
                let holder = try #require(details.first(where: \.editable)?.request.lock?.agentID)
                #expect(details.allSatisfy { $0.request.lock?.agentID == holder })
                let history = try await f.service.detail(f.requestID, for: f.manager).history
                #expect(history.filter { $0.action == "request.locked" }.count == 1)
            }
        }

        @Test(arguments: StorageBackend.available)
        func householdAccountStateAndStatus(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let householdID = try #require(f.household.id)
                await #expect(throws: DomainError.self) {
                    try await f.households.setState(.valid, status: .active, of: householdID, by: f.reader)
                }
                try await f.households.setState(.valid, status: .inactive, of: householdID, by: f.instructor)
                let saved = try await database.session { sql in
                    try await HouseholdRepository(sql: sql).find(householdID)
                }
                #expect(saved?.state == .valid && saved?.status == .inactive)
                #expect(saved?.responsible?.fullName == "Anne Legrand")
                #expect(saved?.members.map(\.role) == [.responsible, .child])
                // "Rechercher un compte foyer": by a member's name, number, state, status.
                let search = { (name: String?, state: Household.State?) in
                    try await f.households.search(name: name, id: nil, state: state, status: nil, by: f.reader)
                        .map(\.id)
                }
                #expect(try await search("leo", nil) == [householdID])
                #expect(try await search("Durand", nil).isEmpty)
                #expect(try await search(nil, .valid) == [householdID])
                #expect(try await search(nil, .archived).isEmpty)
                #expect(
                    try await f.households.search(
                        name: nil, id: householdID, state: nil, status: .inactive, by: f.reader
                    )
                    .count == 1)
                // An inactive account files nothing.
                await #expect(throws: DomainError.notFound(what: "Compte foyer")) {
                    _ = try await f.service.file(
                        .init(teleserviceID: f.teleservice.id ?? 0, householdID: householdID, data: ["ecole": ["parc"]])
                    )
                }
            }
        }
    }
}
