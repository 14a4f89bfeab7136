import PlatformKernel
import SQLKit

/// "Statistiques" of an entity (seed 000 §3.2): over a period, its consultations created and put online,
/// the deposits and DCE withdrawals they received and the questions asked, broken down by procedure type and
/// by service, over the agent's organisation and everything below it. Needs the management right
/// "Visualiser les statistiques".
package struct StatisticsService: Sendable {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    package struct Statistics: Codable, Sendable, Equatable {
        package let organisationId: Int64
        /// The period's first and last days (`aaaa-mm-jj`, Paris time); absent when open.
        package let from: String?
        package let to: String?
        /// The period in words: « du 01/01/2026 au 31/12/2026 », « depuis l'origine ».
        package let periodLabel: String
        /// Consultations created in the period, by their current state (the state's identifier), zero states
        /// omitted.
        package let consultationsByState: [String: Int64]
        /// Deposits completed in the period, still valid and since replaced.
        package let completeDeposits: Int64
        package let supersededDeposits: Int64
        package let dceDownloads: Int64
        /// By procedure type, every type in the platform's order.
        package let byProcedure: [Line]
        /// By service: the agent's organisation, then every service below it, depth first.
        package let byService: [Line]
        package let total: Figures

        package init(
            organisationId: Int64, period: StatisticsPeriod = .all, consultationsByState: [String: Int64],
            completeDeposits: Int64, supersededDeposits: Int64, dceDownloads: Int64, byProcedure: [Line] = [],
            byService: [Line] = [], total: Figures = Figures()
        ) {
            self.organisationId = organisationId
            from = period.from == nil ? nil : period.fromDay
            to = period.to == nil ? nil : period.toDay
            periodLabel = period.label
            self.consultationsByState = consultationsByState
            self.completeDeposits = completeDeposits
            self.supersededDeposits = supersededDeposits
            self.dceDownloads = dceDownloads
            self.byProcedure = byProcedure
            self.byService = byService
            self.total = total
        }
    }

    /// Refuses an agent without "Visualiser les statistiques"; every route checks it before reading anything.
    package func requireRight(_ actor: AgentAuthority) throws(DomainError) {
        guard actor.managementRights.contains(.viewStatistics) else {
            throw DomainError.forbidden(
                reason:
                    "Ce droit vous manque : « \(ManagementRight.viewStatistics.label) ». Demandez-le à un administrateur."
            )
        }
    }

    /// The statistics of the agent's organisation and its subtree over `period` (all time by default).
    package func statistics(for actor: AgentAuthority, period: StatisticsPeriod = .all) async throws -> Statistics {
        try requireRight(actor)
        return try await database.session { sql in
            let organisations = OrganisationRepository(sql: sql)
            guard let home = try await organisations.find(actor.homeOrganisationID) else {
                throw DomainError.notFound(what: "Organisation")
            }
            var services: [(id: Int64, name: String, depth: Int)] = []
            func flatten(_ tree: OrganisationTree, depth: Int) {
                if let id = tree.organisation.id { services.append((id, tree.organisation.name, depth)) }
                for child in tree.services { flatten(child, depth: depth + 1) }
            }
            flatten(try await OrganisationTree.subtree(of: home, organisations), depth: 0)
            let counts = StatisticsCounts(sql: sql, organisationIDs: services.map(\.id), period: period)
            let consultations = try await counts.consultations()
            let created = try await counts.creations()
            let published = try await counts.events(
                "consultation_state_history", time: "at", column: "to_state",
                equals: ConsultationState.consultation.rawValue)
            let complete = try await counts.events(
                "deposits", time: "completed_at", column: "state", equals: Deposit.State.complete.rawValue)
            let superseded = try await counts.events(
                "deposits", time: "completed_at", column: "state", equals: Deposit.State.superseded.rawValue)
            let downloads = try await counts.events("dce_downloads", time: "downloaded_at")
            let questions = try await counts.events("consultation_questions", time: "asked_at")

            var byState: [String: Int64] = [:]
            var byProcedure: [String: Figures] = [:]
            var byService: [Int64: Figures] = [:]
            for consultation in consultations {
                let id = consultation.id
                let isCreated = period == .all || created.contains(id)
                if isCreated { byState[consultation.state, default: 0] += 1 }
                let figures = Figures(
                    consultations: isCreated ? 1 : 0, published: (published[id] ?? 0) > 0 ? 1 : 0,
                    completeDeposits: complete[id] ?? 0, dceDownloads: downloads[id] ?? 0,
                    questions: questions[id] ?? 0)
                byProcedure[consultation.procedureType] =
                    (byProcedure[consultation.procedureType] ?? Figures()) + figures
                byService[consultation.organisationID] =
                    (byService[consultation.organisationID] ?? Figures()) + figures
            }
            let procedureLines = ProcedureType.allCases.map {
                Line(key: $0.rawValue, label: $0.label, figures: byProcedure[$0.rawValue] ?? Figures())
            }
            let serviceLines = services.map {
                Line(key: String($0.id), label: $0.name, depth: $0.depth, figures: byService[$0.id] ?? Figures())
            }
            return Statistics(
                organisationId: actor.homeOrganisationID, period: period, consultationsByState: byState,
                completeDeposits: complete.values.reduce(0, +), supersededDeposits: superseded.values.reduce(0, +),
                dceDownloads: downloads.values.reduce(0, +), byProcedure: procedureLines, byService: serviceLines,
                total: serviceLines.map(\.figures).reduce(Figures(), +))
        }
    }
}
