import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Two agents acting at once on the same consultation: exactly one wins, the other is told why.
extension DatabaseTests {
    struct ConsultationConcurrencyTests {
        @Test(arguments: StorageBackend.available)
        func twoSimultaneousDecisionsRecordOnlyOne(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let created = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).create(try data.sample(), at: 900)
                }
                let id = try #require(created.id)
                for (transition, now) in [
                    (ConsultationTransition.submit, Int64(1_000)), (.validate, 1_001), (.open, 2_000),
                ] {
                    _ = try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).transition(id, transition, by: data.actor(), at: now)
                    }
                }
                let outcomes = await withTaskGroup(of: ConsultationError?.self) { group in
                    for (index, kind) in [ConsultationDecision.Kind.award, .discontinued].enumerated() {
                        group.addTask {
                            do {
                                _ = try await database.transaction { sql in
                                    try await ConsultationRepository(sql: sql).transition(
                                        id, .decide([.init(kind: kind)]), by: data.actor(index + 1), at: 3_000)
                                }
                                return nil
                            } catch let error as ConsultationError {
                                return error
                            } catch {
                                return .notFound("\(error)")
                            }
                        }
                    }
                    var outcomes: [ConsultationError?] = []
                    for await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                #expect(outcomes.filter { $0 == nil }.count == 1)
                let refusal = outcomes.compactMap { $0 }.first
                #expect(
                    refusal == .concurrentChange
                        || refusal
                            == .wrongState(
                                action: "enregistrer la décision", current: .decision, expected: .openingAndAnalysis),
                    "\(String(describing: refusal))")
                let (decisions, history) = try await database.session { sql in
                    let repository = ConsultationRepository(sql: sql)
                    return (try await repository.decisions(of: id), try await repository.history(of: id))
                }
                #expect(decisions.count == 1)
                #expect(history.filter { $0.to == .decision }.count == 1)
            }
        }
    }
}
