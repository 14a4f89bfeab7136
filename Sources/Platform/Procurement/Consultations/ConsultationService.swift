import PlatformKernel
import SQLKit

/// What an agent fills in to create or modify a consultation, before the platform completes it.
package struct ConsultationDraft: Sendable, Equatable {
    package var mode: ConsultationCreationMode = .standard
    /// "Service de rattachement".
    package var organisationID: Int64
    package var reference: String
    package var contractType: ContractType
    package var procedureType: ProcedureType
    package var category: ProcurementCategory
    package var title: String
    package var object: String
    package var internalComment: String = ""
    package var placeOfExecution: String
    /// The CPV code as typed; required in standard mode, ignored in simplified mode.
    package var cpv: String?
    /// Seconds since 1970, UTC.
    package var deadline: Int64
    /// Seconds since 1970, UTC; the simplified form has none (online as soon as validated).
    package var onlineFrom: Int64?
    package var accessCode: String?
    package var modalities: ConsultationModalities = .init()
    package var lots: [ConsultationLot] = []
    /// Agents invited beyond those of the service; `nil` keeps the current ones on modification.
    package var invitations: [ConsultationInvitation]?

    package init(
        mode: ConsultationCreationMode = .standard, organisationID: Int64, reference: String,
        contractType: ContractType, procedureType: ProcedureType, category: ProcurementCategory, title: String,
        object: String, internalComment: String = "", placeOfExecution: String, cpv: String? = nil, deadline: Int64,
        onlineFrom: Int64? = nil, accessCode: String? = nil, modalities: ConsultationModalities = .init(),
        lots: [ConsultationLot] = [], invitations: [ConsultationInvitation]? = nil
    ) {
        self.mode = mode
        self.organisationID = organisationID
        self.reference = reference
        self.contractType = contractType
        self.procedureType = procedureType
        self.category = category
        self.title = title
        self.object = object
        self.internalComment = internalComment
        self.placeOfExecution = placeOfExecution
        self.cpv = cpv
        self.deadline = deadline
        self.onlineFrom = onlineFrom
        self.accessCode = accessCode
        self.modalities = modalities
        self.lots = lots
        self.invitations = invitations
    }

    /// The consultation this draft describes, created by `agentID` at `now`.
    package func consultation(createdBy agentID: Int64, now: Int64) throws(DomainError) -> Consultation {
        let checked = try ConsultationReference(self.reference.trimmingCharacters(in: .whitespaces))
        let code = self.accessCode.flatMap { $0.isEmpty ? nil : $0 }
        var consultation: Consultation
        switch mode {
        case .simplified:
            consultation = Consultation.simplified(
                reference: checked, organisationID: organisationID, createdBy: agentID, contractType: contractType,
                procedureType: procedureType, category: category, title: title, object: object,
                internalComment: internalComment, placeOfExecution: placeOfExecution, deadline: deadline,
                accessCode: code, now: onlineFrom ?? now)
        case .standard:
            guard let onlineFrom else {
                throw .invalidField(field: "date de mise en ligne", reason: "La date de mise en ligne est obligatoire.")
            }
            let typed = self.cpv?.trimmingCharacters(in: .whitespaces) ?? ""
            var cpv: CPVCode?
            if !typed.isEmpty { cpv = try CPVCode(typed) }
            consultation = Consultation(
                reference: checked, organisationID: organisationID, createdBy: agentID, creationMode: .standard,
                contractType: contractType, procedureType: procedureType, category: category, title: title,
                object: object, internalComment: internalComment, placeOfExecution: placeOfExecution,
                cpv: cpv, lots: lots, deadline: deadline, onlineFrom: onlineFrom,
                accessCode: code, modalities: modalities)
        }
        consultation.invitations = invitations ?? []
        return consultation
    }
}

/// An action an agent may take on a consultation, as offered by its page and API.
package enum ConsultationAction: String, Codable, CaseIterable, Sendable {
    case edit = "edit"
    case submit = "submit"
    case refuse = "refuse"
    case validate = "validate"
    case open = "open"
    case decide = "decide"
    case resetDecision = "reset-decision"
    case suite = "suite"
}

/// A consultation as one agent sees it: its history, decisions and the actions open to them now.
package struct ConsultationFile: Sendable {
    package var consultation: Consultation
    package var serviceName: String
    package var history: [ConsultationStateChange]
    package var decisions: [ConsultationDecision]
    /// "Prénom Nom" by agent identifier, for the history, the author and the invited agents.
    package var agentNames: [Int64: String]
    package var actions: [ConsultationAction]

    package init(
        consultation: Consultation, serviceName: String, history: [ConsultationStateChange],
        decisions: [ConsultationDecision], agentNames: [Int64: String], actions: [ConsultationAction]
    ) {
        self.consultation = consultation
        self.serviceName = serviceName
        self.history = history
        self.decisions = decisions
        self.agentNames = agentNames
        self.actions = actions
    }
}

/// The consultation use cases: each runs in one transaction, checks the agent's rights from their authority
/// (roles held on the consultation's service or above it) and journals every change of state.
///
/// A consultation the agent may not see — another entity's, or one of their entity they have no access to —
/// is "not found", never "forbidden", so that its existence does not show through.
package struct ConsultationService: Sendable {
    package let database: Database

    /// The current time in seconds since 1970, UTC; injected so that tests can stand on a deadline's second.
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }
    /// Tells the agents who follow a submitted consultation that it awaits validation.
    package var alerts: ConsultationAlerts?
    /// What putting a consultation online (validating it) debits its entity (the kernel's `Points`).
    package var pointsTariff = PointsTariff()

    package init(database: Database, clock: @escaping @Sendable () -> Int64 = { Timestamp.now() }) {
        self.database = database
        self.clock = clock
    }

    /// Creates a consultation in elaboration; needs the "create" right on its service.
    package func create(_ draft: ConsultationDraft, by authority: AgentAuthority) async throws -> Consultation {
        let now = clock()
        return try await Self.mappingErrors {
            try await database.transaction { sql in
                let path = try await AdministrationService.visiblePath(
                    to: draft.organisationID, for: authority, sql: sql)
                guard authority.consultationRights(on: path).contains(.create) else {
                    throw DomainError.forbidden(
                        reason: "Vous n'avez pas le droit de créer une consultation dans « \(path.target.name) » : "
                            + "il faut un rôle d'acheteur (ou PRM) dans ce service ou au-dessus.")
                }
                var draft = draft
                if draft.mode == .simplified { draft.onlineFrom = nil }
                try await Self.checkInvitations(draft.invitations, for: authority, sql: sql)
                let saved = try await ConsultationRepository(sql: sql).create(
                    try draft.consultation(createdBy: authority.agentID, now: now), at: now)
                try await Self.journal(saved, .consultationCreated, by: authority, path: path, sql: sql, at: now)
                return saved
            }
        }
    }

    /// Replaces the fields of a consultation in elaboration; needs the "edit" right.
    package func update(_ id: Int64, with draft: ConsultationDraft, by authority: AgentAuthority) async throws
        -> Consultation
    {
        let now = clock()
        return try await Self.mappingErrors {
            try await database.transaction { sql in
                let access = try await Self.access(id, for: authority, sql: sql)
                guard access.rights.contains(.edit) else {
                    throw DomainError.forbidden(
                        reason: "Vous n'avez pas le droit de modifier cette consultation : il faut un rôle d'acheteur.")
                }
                guard access.consultation.state == .elaboration else {
                    throw ConsultationError.notEditable(state: access.consultation.state)
                }
                var draft = draft
                draft.organisationID = access.consultation.organisationID
                draft.mode = access.consultation.creationMode
                if draft.mode == .simplified { draft.onlineFrom = access.consultation.onlineFrom }
                try await Self.checkInvitations(draft.invitations, for: authority, sql: sql)
                var changed = try draft.consultation(createdBy: access.consultation.createdBy, now: now)
                changed.id = id
                if draft.invitations == nil { changed.invitations = access.consultation.invitations }
                let saved = try await ConsultationRepository(sql: sql).update(changed, by: access.actor, at: now)
                try await Self.journal(saved, .consultationUpdated, by: authority, path: access.path, sql: sql, at: now)
                return saved
            }
        }
    }

    /// Applies a state change: submit, refuse, validate, open, decide or reset the decision.
    ///
    /// Beyond ``ConsultationLifecycle``: submitting needs the "edit" right or being the author; sending back
    /// to elaboration needs the "validate" right or being the author (who takes it back).
    package func apply(
        _ transition: ConsultationTransition, to id: Int64, by authority: AgentAuthority, comment: String = ""
    )
        async throws -> Consultation
    {
        let now = clock()
        let moved = try await Self.mappingErrors {
            try await database.transaction { sql in
                let access = try await Self.access(id, for: authority, sql: sql)
                try Self.checkExtraRights(transition, access)
                let moved = try await ConsultationRepository(sql: sql).transition(
                    id, transition, by: access.actor, at: now, comment: comment)
                var details = ["from": transition.from.rawValue, "to": transition.to.rawValue]
                if case .decide(let decisions) = transition {
                    details["decisions"] = decisions.map {
                        "\($0.lotNumber.map(String.init) ?? "-"):\($0.kind.rawValue)"
                    }
                    .joined(separator: ",")
                }
                try await Self.journal(
                    moved, Self.journalAction(of: transition), by: authority, path: access.path, sql: sql, at: now,
                    details: details)
                if case .validate = transition {
                    try await Self.debitPublication(
                        moved, by: authority, path: access.path, tariff: pointsTariff, sql: sql, at: now)
                }
                return moved
            }
        }
        if case .submit = transition, moved.state == .awaitingValidation {
            await alerts?.awaitingValidation(consultationID: id, submittedBy: authority.agentID)
        }
        return moved
    }

    /// "Créer une suite": a copy in elaboration under `reference`, once the consultation is in "Décision";
    /// needs the "decide" right.
    package func createSuite(of id: Int64, reference: String, by authority: AgentAuthority) async throws -> Consultation
    {
        let now = clock()
        return try await Self.mappingErrors {
            try await database.transaction { sql in
                let access = try await Self.access(id, for: authority, sql: sql)
                guard access.rights.contains(.decide) else {
                    throw ConsultationError.missingRight(action: "créer une suite", right: "Décider")
                }
                let suite = try await ConsultationRepository(sql: sql).createSuite(
                    of: id, reference: try ConsultationReference(reference.trimmingCharacters(in: .whitespaces)),
                    by: access.actor, at: now)
                try await Self.journal(
                    access.consultation, .consultationSuiteCreated, by: authority, path: access.path, sql: sql, at: now,
                    details: ["suite": String(suite.id ?? 0)])
                try await Self.journal(
                    suite, .consultationCreated, by: authority, path: access.path, sql: sql, at: now,
                    details: ["suiteOf": String(id)])
                return suite
            }
        }
    }

    /// The consultations the agent may see: those of the services where they hold a role (or below them),
    /// those they created and those they are invited to; latest deadline first.
    package func list(for authority: AgentAuthority) async throws -> [Consultation] {
        try await database.session { sql in
            let organisations = OrganisationRepository(sql: sql)
            let home = try await organisations.path(to: authority.homeOrganisationID)
            let tree = try await OrganisationTree.subtree(of: home.entity, organisations)
            var readable: [Int64] = []
            var entityIDs: Set<Int64> = []
            func walk(_ tree: OrganisationTree, above: [Organisation]) {
                let path = above + [tree.organisation]
                if let id = tree.organisation.id {
                    entityIDs.insert(id)
                    if authority.consultationRights(on: OrganisationPath(organisations: path)).contains(.read) {
                        readable.append(id)
                    }
                }
                for service in tree.services { walk(service, above: path) }
            }
            walk(tree, above: [])
            return try await ConsultationRepository(sql: sql)
                .consultations(visibleTo: authority.agentID, inOrganisations: readable)
                .filter { entityIDs.contains($0.organisationID) }
        }
    }

    /// One consultation with its history, decisions and the actions the agent may take now.
    package func show(_ id: Int64, for authority: AgentAuthority) async throws -> ConsultationFile {
        let now = clock()
        return try await Self.mappingErrors {
            try await database.session { sql in
                let access = try await Self.access(id, for: authority, sql: sql)
                let repository = ConsultationRepository(sql: sql)
                let history = try await repository.history(of: id)
                let decisions = try await repository.decisions(of: id)
                let names = try await AgentRepository(sql: sql).displayNames(
                    history.map(\.agentID) + [access.consultation.createdBy]
                        + access.consultation.invitations.map(\.agentID))
                return ConsultationFile(
                    consultation: access.consultation, serviceName: access.path.target.name, history: history,
                    decisions: decisions, agentNames: names,
                    actions: Self.actions(access, at: now, decidedLots: Set(decisions.compactMap(\.lotNumber))))
            }
        }
    }

    /// The state history, oldest first.
    package func history(of id: Int64, for authority: AgentAuthority) async throws -> [ConsultationStateChange] {
        try await show(id, for: authority).history
    }

    /// The services of the agent's entity where they may create a consultation, with their names.
    package func creationServices(for authority: AgentAuthority) async throws -> [Organisation] {
        try await database.session { sql in
            let organisations = OrganisationRepository(sql: sql)
            let home = try await organisations.path(to: authority.homeOrganisationID)
            let tree = try await OrganisationTree.subtree(of: home.entity, organisations)
            var allowed: [Organisation] = []
            func walk(_ tree: OrganisationTree, above: [Organisation]) {
                let path = above + [tree.organisation]
                if authority.consultationRights(on: OrganisationPath(organisations: path)).contains(.create) {
                    allowed.append(tree.organisation)
                }
                for service in tree.services { walk(service, above: path) }
            }
            walk(tree, above: [])
            return allowed
        }
    }

    /// The agents of the actor's entity they may invite to a consultation, themselves excepted, by name.
    package func invitableAgents(for authority: AgentAuthority) async throws -> [Agent] {
        try await database.session { sql in
            let organisations = OrganisationRepository(sql: sql)
            let home = try await organisations.path(to: authority.homeOrganisationID)
            var ids: [Int64] = []
            func walk(_ tree: OrganisationTree) {
                if let id = tree.organisation.id { ids.append(id) }
                tree.services.forEach(walk)
            }
            walk(try await OrganisationTree.subtree(of: home.entity, organisations))
            return try await AgentRepository(sql: sql).agents(in: ids)
                .filter { $0.id != authority.agentID }
                .sorted { ($0.lastName, $0.firstName, $0.login) < ($1.lastName, $1.firstName, $1.login) }
        }
    }

    // MARK: - Rights

    /// What the agent holds on one consultation they may see.
    package struct Access: Sendable {
        package let consultation: Consultation
        package let path: OrganisationPath
        package let rights: Set<ConsultationRight>
        package let actor: ConsultationActor

        package init(
            consultation: Consultation, path: OrganisationPath, rights: Set<ConsultationRight>, actor: ConsultationActor
        ) {
            self.consultation = consultation
            self.path = path
            self.rights = rights
            self.actor = actor
        }
        package var isAuthor: Bool { consultation.createdBy == actor.agentID }
    }

    /// The consultation and the agent's rights on it; "not found" when they may not see it.
    package static func access(_ id: Int64, for authority: AgentAuthority, sql: any SQLDatabase) async throws -> Access
    {
        let notFound = DomainError.notFound(what: "Consultation")
        guard let consultation = try await ConsultationRepository(sql: sql).find(id: id) else { throw notFound }
        let path: OrganisationPath
        do {
            path = try await AdministrationService.visiblePath(
                to: consultation.organisationID, for: authority, sql: sql)
        } catch is DomainError {
            throw notFound
        }
        let rights = authority.consultationRights(on: path)
        let hasAccess =
            rights.contains(.read) || consultation.createdBy == authority.agentID
            || consultation.invitations.contains { $0.agentID == authority.agentID }
        guard hasAccess else { throw notFound }
        return Access(
            consultation: consultation, path: path, rights: rights,
            actor: ConsultationActor(
                agentID: authority.agentID, canValidate: rights.contains(.validate), canOpen: rights.contains(.open),
                canDecide: rights.contains(.decide), hasAccess: true))
    }

    /// Only agents of the actor's entity may be invited; any other is "not found".
    private static func checkInvitations(
        _ invitations: [ConsultationInvitation]?, for authority: AgentAuthority, sql: any SQLDatabase
    ) async throws {
        for invitation in invitations ?? [] {
            _ = try await AdministrationService.visibleAgent(invitation.agentID, for: authority, sql: sql)
        }
    }

    private static func checkExtraRights(_ transition: ConsultationTransition, _ access: Access)
        throws(ConsultationError)
    {
        switch transition {
        case .submit:
            guard access.rights.contains(.edit) || access.isAuthor else {
                throw .missingRight(action: transition.label, right: "Modifier les consultations")
            }
        case .returnToElaboration:
            guard access.rights.contains(.validate) || access.isAuthor else {
                throw .missingRight(action: transition.label, right: "Valider les consultations")
            }
        case .validate, .open, .decide, .resetDecision:
            break
        }
    }

    /// The actions open to the agent now, in the order of the lifecycle; `decidedLots` have a decision in force.
    package static func actions(_ access: Access, at now: Int64, decidedLots: Set<Int>) -> [ConsultationAction] {
        let consultation = access.consultation
        func allowed(_ transition: ConsultationTransition) -> Bool {
            (try? checkExtraRights(transition, access)) != nil
                && (try? ConsultationLifecycle.check(
                    transition, on: consultation, by: access.actor, at: now, decidedLots: decidedLots)) != nil
        }
        let complete: [ConsultationDecision] =
            consultation.lots.isEmpty
            ? [ConsultationDecision(lotNumber: nil, kind: .award)]
            : consultation.lots.filter { !decidedLots.contains($0.number) }
                .map { ConsultationDecision(lotNumber: $0.number, kind: .award) }
        var actions: [ConsultationAction] = []
        if consultation.state == .elaboration && access.rights.contains(.edit) { actions.append(.edit) }
        if allowed(.submit) { actions.append(.submit) }
        if allowed(.validate) { actions.append(.validate) }
        if allowed(.returnToElaboration) { actions.append(.refuse) }
        if allowed(.open) { actions.append(.open) }
        if allowed(.decide(complete)) { actions.append(.decide) }
        if allowed(.resetDecision(lot: nil)) { actions.append(.resetDecision) }
        if access.rights.contains(.decide)
            && (try? ConsultationLifecycle.checkSuite(of: consultation, by: access.actor)) != nil
        {
            actions.append(.suite)
        }
        return actions
    }

    // MARK: - Journal and errors

    private static func journalAction(of transition: ConsultationTransition) -> JournalAction {
        switch transition {
        case .submit: .consultationSubmitted
        case .returnToElaboration: .consultationReturnedToElaboration
        case .validate: .consultationValidated
        case .open: .consultationOpened
        case .decide: .consultationDecided
        case .resetDecision: .consultationDecisionReset
        }
    }

    private static func journal(
        _ consultation: Consultation, _ action: JournalAction, by authority: AgentAuthority, path: OrganisationPath,
        sql: any SQLDatabase, at now: Int64, details: [String: String] = [:]
    ) async throws {
        var details = details
        details["reference"] = consultation.reference.value
        try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .agent(authority.agentID), entityID: path.entity.id,
                subject: .consultation(consultation.id ?? 0), action: action, details: details),
            at: now)
    }

    /// Runs `body`, turning a ``ConsultationError`` into the ``DomainError`` whose HTTP status fits it.
    package static func mappingErrors<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as ConsultationError {
            throw domainError(error)
        }
    }

    /// 404 for what the agent may not see, 403 for a missing right, 409 for the wrong state or time,
    /// 400 for incomplete decisions.
    package static func domainError(_ error: ConsultationError) -> DomainError {
        switch error {
        case .noAccess, .notFound: .notFound(what: "Consultation")
        case .missingRight: .forbidden(reason: error.description)
        case .incompleteDecision: .invalidField(field: "décision", reason: error.description)
        case .wrongState, .deadlinePassed, .deadlineNotReached, .notEditable, .concurrentChange:
            .conflict(reason: error.description)
        }
    }
}
