import Logging
import PlatformKernel
import SQLKit

/// The contracts' use cases. Recording, publishing and modifying a contract need the right to decide on its
/// consultation (« Décider », as the decision step), checked on the server from the agent's authority; reading
/// needs access to the consultation. A contract whose consultation the agent may not see is « introuvable ».
/// Every change runs in one transaction and is journaled.
package struct ContractService: Sendable {
    package let database: Database
    /// The current time in seconds since 1970, UTC; injected so that tests choose the day.
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }
    package var logger = Logger(label: "sceau.contracts")

    package init(database: Database) {
        self.database = database
    }

    /// A consultation's contracts as its « Contrats » page shows them.
    package struct ConsultationContracts: Sendable {
        package let consultation: Consultation
        package let decisions: [ConsultationDecision]
        package let contracts: [Contract]
        /// Whether the agent may record contracts (right « Décider »).
        package let canManage: Bool
        /// The SIRET the entity gave on its last contract, if any.
        package let lastBuyerSIRET: String?
    }

    /// A contract and whether the agent may publish and modify it.
    package struct ContractFile: Sendable {
        package let contract: Contract
        package let canManage: Bool
        package let lotTitle: String?
    }

    // MARK: - Agents

    package func consultationContracts(_ consultationID: Int64, for authority: AgentAuthority) async throws
        -> ConsultationContracts
    {
        try await ConsultationService.mappingErrors {
            try await database.session { sql in
                let access = try await ConsultationService.access(consultationID, for: authority, sql: sql)
                let repository = ContractRepository(sql: sql)
                return ConsultationContracts(
                    consultation: access.consultation,
                    decisions: try await ConsultationRepository(sql: sql).decisions(of: consultationID),
                    contracts: try await repository.contracts(ofConsultation: consultationID),
                    canManage: access.rights.contains(.decide),
                    lastBuyerSIRET: try await repository.lastBuyerSIRET(ofEntity: access.path.entity.id ?? 0))
            }
        }
    }

    /// Records the contract of an awarded lot (or consultation).
    package func create(_ draft: ContractDraft, consultationID: Int64, by authority: AgentAuthority) async throws
        -> Contract
    {
        let now = clock()
        return try await ConsultationService.mappingErrors {
            try await database.transaction { sql in
                let (consultation, path) = try await Self.requireDecide(consultationID, authority, sql: sql)
                let contract = try ContractPolicy.contract(
                    from: draft, consultation: consultation,
                    decisions: try await ConsultationRepository(sql: sql).decisions(of: consultationID),
                    entity: path.entity, createdBy: authority.agentID, now: now)
                let created = try await ContractRepository(sql: sql).create(contract)
                try await Self.journal(
                    created, .contractCreated, by: authority, sql: sql, at: now,
                    details: [
                        "consultation": String(consultationID), "lot": created.lotNumber.map(String.init) ?? "-",
                        "amount": created.amount.decimal,
                        "holders": created.holders.map(\.siret.value).joined(separator: ","),
                    ])
                return created
            }
        }
    }

    /// One contract the agent may see.
    package func show(_ id: Int64, for authority: AgentAuthority) async throws -> ContractFile {
        try await ConsultationService.mappingErrors {
            try await database.session { sql in
                let (contract, access) = try await Self.contract(id, authority, sql: sql)
                let lotTitle = contract.lotNumber.flatMap { number in
                    access.consultation.lots.first { $0.number == number }?.title
                }
                return ContractFile(contract: contract, canManage: access.rights.contains(.decide), lotTitle: lotTitle)
            }
        }
    }

    /// Publishes the contract's essential data today, once they pass ``DECPValidator``.
    package func publish(_ id: Int64, by authority: AgentAuthority) async throws -> Contract {
        let now = clock()
        return try await ConsultationService.mappingErrors {
            try await database.transaction { sql in
                let (contract, access) = try await Self.contract(id, authority, sql: sql)
                try Self.requireDecide(access)
                guard contract.publicationDate == nil else {
                    throw DomainError.conflict(reason: "Les données essentielles de ce contrat sont déjà publiées.")
                }
                let day = CalendarDay(seconds: now)
                let violations = DECPValidator.violations(of: DECPRecord(contract, publishedOn: day))
                guard violations.isEmpty else {
                    throw DomainError.conflict(
                        reason: "Les données essentielles ne respectent pas le format réglementaire : "
                            + violations.map(\.description).joined(separator: " ; "))
                }
                let repository = ContractRepository(sql: sql)
                guard try await repository.publish(id, on: day, by: authority.agentID, at: now) else {
                    throw DomainError.conflict(reason: "Les données essentielles de ce contrat sont déjà publiées.")
                }
                var published = contract
                published.publicationDate = day
                try await Self.journal(
                    published, .contractPublished, by: authority, sql: sql, at: now,
                    details: ["publicationDate": day.description, "decp": published.number])
                return published
            }
        }
    }

    /// Records an « avenant / modification » after the published ones.
    package func modify(_ draft: ModificationDraft, contract id: Int64, by authority: AgentAuthority) async throws
        -> Contract
    {
        let now = clock()
        return try await ConsultationService.mappingErrors {
            try await database.transaction { sql in
                let (contract, access) = try await Self.contract(id, authority, sql: sql)
                try Self.requireDecide(access)
                let modification = try ContractPolicy.modification(
                    from: draft, of: contract, by: authority.agentID, now: now)
                do {
                    try await ContractRepository(sql: sql).add(modification, to: id)
                } catch {
                    // The unique (contract, number) index: another modification took this number meanwhile.
                    throw DomainError.conflict(reason: Self.concurrentModification)
                }
                var modified = contract
                modified.modifications.append(modification)
                var details = [
                    "number": String(modification.number), "signatureDate": modification.signatureDate.description,
                    "publicationDate": modification.publicationDate.description,
                ]
                if let amount = modification.amount { details["amount"] = amount.decimal }
                if let months = modification.durationMonths { details["durationMonths"] = String(months) }
                try await Self.journal(modified, .contractModified, by: authority, sql: sql, at: now, details: details)
                return modified
            }
        }
    }

    /// « Suivi des contrats »: the contracts of the agent's entity whose consultation they may see, newest first.
    package func followUp(for authority: AgentAuthority) async throws -> [Contract] {
        try await database.session { sql in
            let path = try await OrganisationRepository(sql: sql).path(to: authority.homeOrganisationID)
            var visible: [Contract] = []
            var allowed: [Int64: Bool] = [:]
            for contract in try await ContractRepository(sql: sql).contracts(ofEntity: path.entity.id ?? 0) {
                if allowed[contract.consultationID] == nil {
                    let access = try? await ConsultationService.access(
                        contract.consultationID, for: authority, sql: sql)
                    allowed[contract.consultationID] = access != nil
                }
                if allowed[contract.consultationID] == true { visible.append(contract) }
            }
            return visible
        }
    }

    // MARK: - Public

    /// The published contracts matching `search`.
    package func search(_ search: ContractSearch) async throws -> [Contract] {
        try await database.session { sql in try await ContractRepository(sql: sql).search(search) }
    }

    /// One page of the DECP export: the valid records of the published contracts after `id`, and the last
    /// identifier read (`nil` at the end).
    package func exportPage(after id: Int64, limit: Int = 200) async throws -> (records: [DECPRecord], last: Int64?) {
        let contracts = try await database.session { sql in
            try await ContractRepository(sql: sql).published(after: id, limit: limit)
        }
        var records: [DECPRecord] = []
        for contract in contracts {
            guard let record = DECPRecord(contract) else { continue }
            let violations = DECPValidator.violations(of: record)
            if violations.isEmpty {
                records.append(record)
            } else {
                logger.error(
                    "Contract \(contract.id ?? 0) left out of the DECP export",
                    metadata: ["violations": .string(violations.map(\.description).joined(separator: "; "))])
            }
        }
        return (records, contracts.count < limit ? nil : contracts.last?.id)
    }

    // MARK: - Rights and journal

    private static let concurrentModification =
        "Une autre modification de ce contrat vient d'être enregistrée : rechargez la page et vérifiez-la avant "
        + "d'enregistrer la vôtre."

    private static func requireDecide(_ consultationID: Int64, _ authority: AgentAuthority, sql: any SQLDatabase)
        async throws -> (Consultation, OrganisationPath)
    {
        let access = try await ConsultationService.access(consultationID, for: authority, sql: sql)
        try requireDecide(access)
        return (access.consultation, access.path)
    }

    private static func requireDecide(_ access: ConsultationService.Access) throws(ConsultationError) {
        guard access.rights.contains(.decide) else {
            throw .missingRight(action: "saisir les contrats et leurs données essentielles", right: "Décider")
        }
    }

    private static func contract(_ id: Int64, _ authority: AgentAuthority, sql: any SQLDatabase) async throws
        -> (Contract, ConsultationService.Access)
    {
        guard let contract = try await ContractRepository(sql: sql).find(id) else {
            throw DomainError.notFound(what: "Contrat")
        }
        do {
            return (contract, try await ConsultationService.access(contract.consultationID, for: authority, sql: sql))
        } catch let error as DomainError where error.status == .notFound {
            throw DomainError.notFound(what: "Contrat")
        }
    }

    private static func journal(
        _ contract: Contract, _ action: JournalAction, by authority: AgentAuthority, sql: any SQLDatabase,
        at now: Int64, details: [String: String] = [:]
    ) async throws {
        var details = details
        details["reference"] = contract.consultationReference
        try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .agent(authority.agentID), entityID: contract.entityID, subject: .contract(contract.id ?? 0),
                action: action, details: details),
            at: now)
    }
}
