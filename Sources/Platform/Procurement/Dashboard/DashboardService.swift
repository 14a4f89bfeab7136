import PlatformKernel
import SQLKit

/// One line of the « Tableau de bord »: a consultation the agent sees, whether it is a favourite (chosen or
/// automatic), its registers' counts, and its suites' links both ways.
package struct DashboardLine: Sendable {
    package let consultation: Consultation
    package let serviceName: String
    /// Marked ★ by the agent.
    package let isChosenFavourite: Bool
    /// Created by the agent: a favourite without being marked.
    package let isAutomaticFavourite: Bool
    /// The registers' counts, empty when the agent may not read this consultation's registers.
    package let counts: [(counter: any ConsultationRegisterCounter, count: Int)]
    /// « Procédure amont »: the consultation this one is a suite of, when the agent sees it.
    package let upstream: Consultation?
    /// « Procédure(s) aval »: its suites the agent sees.
    package let downstream: [Consultation]

    package var isFavourite: Bool { isChosenFavourite || isAutomaticFavourite }
}

/// The « Tableau de bord » of an agent: the consultations of ``ConsultationService/list(for:)`` filtered by a
/// ``DashboardSearch``, with favourites, register counters and suite links.
package struct DashboardService: Sendable {
    package let consultations: ConsultationService
    package var counters: [any ConsultationRegisterCounter] = .standard

    package init(consultations: ConsultationService, counters: [any ConsultationRegisterCounter] = .standard) {
        self.consultations = consultations
        self.counters = counters
    }

    package var database: Database { consultations.database }

    /// The lines matching `search`, latest deadline first; and the services of every visible consultation
    /// (the search's choices), by name.
    package func board(for authority: AgentAuthority, search: DashboardSearch) async throws -> (
        lines: [DashboardLine], services: [(id: Int64, name: String)]
    ) {
        let visible = try await consultations.list(for: authority)
        return try await database.session { sql in
            let favourites = try await FavouriteRepository(sql: sql).favourites(of: authority.agentID)
            let organisations = OrganisationRepository(sql: sql)
            var serviceNames: [Int64: String] = [:]
            var readsRegisters: Set<Int64> = []
            for id in Set(visible.map(\.organisationID)) {
                let path = try await organisations.path(to: id)
                serviceNames[id] = path.target.name
                if authority.consultationRights(on: path).contains(.viewRegisters) { readsRegisters.insert(id) }
            }
            let byID = Dictionary(visible.compactMap { c in c.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
            let matching = visible.filter {
                search.matches(
                    $0, isFavourite: favourites.contains($0.id ?? -1) || $0.createdBy == authority.agentID)
            }
            let ids = matching.filter { readsRegisters.contains($0.organisationID) }.compactMap(\.id)
            var counts: [[Int64: Int]] = []
            for counter in counters { counts.append(try await counter.counts(of: ids, sql: sql)) }
            let lines = matching.map { consultation in
                let id = consultation.id ?? 0
                return DashboardLine(
                    consultation: consultation, serviceName: serviceNames[consultation.organisationID] ?? "",
                    isChosenFavourite: favourites.contains(id),
                    isAutomaticFavourite: consultation.createdBy == authority.agentID,
                    counts: readsRegisters.contains(consultation.organisationID)
                        ? counters.enumerated().map { index, counter in
                            (counter: counter, count: counts[index][id] ?? 0)
                        } : [],
                    upstream: consultation.previousConsultationID.flatMap { byID[$0] },
                    downstream: visible.filter { $0.previousConsultationID == id }.sorted {
                        ($0.id ?? 0) < ($1.id ?? 0)
                    })
            }
            let services = serviceNames.map { (id: $0.key, name: $0.value) }.sorted {
                ($0.name, $0.id) < ($1.name, $1.id)
            }
            return (lines, services)
        }
    }

    /// Marks or unmarks a consultation the agent sees as a favourite; `true` when it is one now.
    @discardableResult
    package func toggleFavourite(_ consultationID: Int64, by authority: AgentAuthority) async throws -> Bool {
        let now = consultations.clock()
        return try await database.transaction { sql in
            _ = try await ConsultationService.access(consultationID, for: authority, sql: sql)
            return try await FavouriteRepository(sql: sql).toggle(consultationID, for: authority.agentID, at: now)
        }
    }
}
