import PlatformTestSupport
import SQLKit

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Rows the consultation tables point to: one public entity and its agents, inserted directly.
struct ConsultationTestData {
    let organisationID: Int64
    let agentIDs: [Int64]

    /// Inserts a public entity named `name` and `agents` agents in it.
    static func insert(into database: Database, name: String = "Ville de Test", agents: Int = 3) async throws
        -> ConsultationTestData
    {
        try await database.transaction { sql in
            let organisation = try await OrganisationRepository(sql: sql).create(
                Organisation(name: name, type: .large))
            guard let organisationID = organisation.id else { throw ConsultationError.notFound(name) }
            var agentIDs: [Int64] = []
            for index in 1...agents {
                let login = "agent\(index)-\(organisationID)"
                let id = try await sql.insert(into: "agents")
                    .columns(
                        "organisation_id", "civility", "last_name", "first_name", "email", "login", "password_hash",
                        "created_at"
                    )
                    .values(
                        SQLBind(organisationID), SQLBind("M."), SQLBind("Agent \(index)"), SQLBind("Test"),
                        SQLBind("\(login)@example.invalid"), SQLBind(login), SQLBind("-"), SQLBind(Int64(0))
                    )
                    .returning("id")
                    .first(decodingColumn: "id", as: Int64.self)
                if let id { agentIDs.append(id) }
            }
            return ConsultationTestData(organisationID: organisationID, agentIDs: agentIDs)
        }
    }

    /// The sample consultation owned by this entity and created by its first agent.
    func sample(reference: String = "AOO_2026_001", onlineFrom: Int64 = 1_000, deadline: Int64 = 2_000) throws
        -> Consultation
    {
        try Consultation.sample(
            reference: reference, organisationID: organisationID, createdBy: agentIDs[0], onlineFrom: onlineFrom,
            deadline: deadline)
    }

    /// An actor for agent `index` with access and every right.
    func actor(_ index: Int = 0) -> ConsultationActor {
        ConsultationActor(agentID: agentIDs[index], canValidate: true, canOpen: true, canDecide: true, hasAccess: true)
    }
}
