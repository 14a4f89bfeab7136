import PlatformKernel
import SQLKit

/// "Statistiques" of an entity (seed 000 §3.2): its consultations by state, the deposits and DCE downloads
/// they received, over the agent's organisation and everything below it. Needs the management right
/// "Visualiser les statistiques".
package struct StatisticsService: Sendable {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    package struct Statistics: Codable, Sendable, Equatable {
        package let organisationId: Int64
        /// Consultations by state (the state's identifier), zero states omitted.
        package let consultationsByState: [String: Int64]
        package let completeDeposits: Int64
        package let supersededDeposits: Int64
        package let dceDownloads: Int64

        package init(
            organisationId: Int64, consultationsByState: [String: Int64], completeDeposits: Int64,
            supersededDeposits: Int64, dceDownloads: Int64
        ) {
            self.organisationId = organisationId
            self.consultationsByState = consultationsByState
            self.completeDeposits = completeDeposits
            self.supersededDeposits = supersededDeposits
            self.dceDownloads = dceDownloads
        }
    }

    package func statistics(for actor: AgentAuthority) async throws -> Statistics {
        guard actor.managementRights.contains(.viewStatistics) else {
            throw DomainError.forbidden(
                reason:
                    "Ce droit vous manque : « \(ManagementRight.viewStatistics.label) ». Demandez-le à un administrateur."
            )
        }
        return try await database.session { sql in
            let ids = try await OrganisationRepository(sql: sql).subtreeIDs(of: actor.homeOrganisationID)
            struct StateCount: Codable {
                let state: String
                let n: Int64

                package init(state: String, n: Int64) {
                    self.state = state
                    self.n = n
                }
            }
            let states = try await sql.select().column("state").column(
                SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
            )
            .from("consultations").where("organisation_id", .in, ids).groupBy("state")
            .all(decoding: StateCount.self)
            let consultationIDs = try await sql.select().column("id").from("consultations")
                .where("organisation_id", .in, ids).all(decodingColumn: "id", as: Int64.self)
            func count(_ table: String, state: Deposit.State? = nil) async throws -> Int64 {
                guard !consultationIDs.isEmpty else { return 0 }
                var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                    .where("consultation_id", .in, consultationIDs)
                if let state { query = query.where("state", .equal, state.rawValue) }
                return try await query.first(decodingColumn: "n", as: Int64.self) ?? 0
            }
            return Statistics(
                organisationId: actor.homeOrganisationID,
                consultationsByState: Dictionary(uniqueKeysWithValues: states.map { ($0.state, $0.n) }),
                completeDeposits: try await count("deposits", state: .complete),
                supersededDeposits: try await count("deposits", state: .superseded),
                dceDownloads: try await count("dce_downloads"))
        }
    }
}
