import PlatformKernel
import SQLKit

/// Agents instructing citizens' requests: read, open (lock), move through the workflow, data and document
/// states, notes. One transaction per use case; the agent's right on the request's category is checked
/// first (no access: 404); every change goes to the request's history and to the journal.
package struct CitizenRequestService: Sendable {
    package let database: Database
    package var settings = RequestSettings()
    /// The clock, replaceable by tests of expiry and quality of service.
    package var now: @Sendable () -> Int64 = { Timestamp.now() }
    /// Tells the agents of each filed request, once it is committed; `nil`: no mail (no SMTP relay).
    package var notifier: AgentNotifier?

    package init(
        database: Database, settings: RequestSettings = RequestSettings(),
        now: @escaping @Sendable () -> Int64 = { Timestamp.now() }, notifier: AgentNotifier? = nil
    ) {
        self.database = database
        self.settings = settings
        self.now = now
        self.notifier = notifier
    }

    /// A request as its page shows it.
    package struct Detail: Sendable {
        package let request: CitizenRequest
        package let teleservice: Teleservice
        package let documents: [RequestDocument]
        package let notes: [RequestNote]
        package let history: [RequestHistoryEntry]
        package let household: Household?
        package let quality: QualityLevel?
        /// The states the agent may move the request to now.
        package let allowedStates: [RequestState]
        package let right: CategoryRight
        /// The agent may change the request: a write right, and no other agent's live lock.
        package let editable: Bool

        package init(
            request: CitizenRequest, teleservice: Teleservice, documents: [RequestDocument], notes: [RequestNote],
            history: [RequestHistoryEntry], household: Household?, quality: QualityLevel?,
            allowedStates: [RequestState], right: CategoryRight, editable: Bool
        ) {
            self.request = request
            self.teleservice = teleservice
            self.documents = documents
            self.notes = notes
            self.history = history
            self.household = household
            self.quality = quality
            self.allowedStates = allowedStates
            self.right = right
            self.editable = editable
        }
    }

    package func detail(_ id: Int64, for agentID: Int64) async throws -> Detail {
        try await database.session { sql in
            let (request, rights) = try await Self.load(id, agentID: agentID, needed: .read, sql: sql)
            return try await detail(of: request, rights: rights, sql: sql)
        }
    }

    /// Opening by an agent: locks the request for them when they may write and nobody else holds it.
    package func open(_ id: Int64, by agentID: Int64) async throws -> Detail {
        try await database.transaction { sql in
            var (request, rights) = try await Self.load(id, agentID: agentID, needed: .read, sql: sql, forUpdate: true)
            let time = now()
            let lock = RequestLocking.open(
                request.lock, by: agentID, canWrite: rights.right(in: request.categoryID) >= .write, at: time,
                duration: settings.lockDuration)
            if lock != request.lock {
                let acquired = request.lock.map { !$0.isLive(at: time) || $0.agentID != agentID } ?? true
                request.lock = lock
                try await CitizenRequestRepository(sql: sql).save(request)
                if acquired {
                    try await record(
                        request, .requestLocked, by: agentID, summary: "Demande verrouillée à l'ouverture", sql: sql)
                }
            }
            return try await detail(of: request, rights: rights, sql: sql)
        }
    }

    /// Moves the request to `state`, with an optional note for the history.
    package func transition(_ id: Int64, to state: RequestState, note: String? = nil, by agentID: Int64) async throws
        -> CitizenRequest
    {
        try await change(id, by: agentID) { request, sql in
            let from = request.state
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            try RequestWorkflow.standard.check(from: from, to: state, by: rights.mover(in: request.categoryID))
            if state == .validated {
                let catalog = RequestCatalogRepository(sql: sql)
                let teleservice = try await catalog.teleservice(request.teleserviceID)
                var season: Season?
                if let seasonID = request.seasonID { season = try await catalog.season(seasonID) }
                try RequestValidation.check(
                    data: request.dataState, documents: try await CitizenRequestRepository(sql: sql).documents(of: id),
                    required: teleservice?.requiredDocuments ?? [], season: season,
                    today: CivilDate(parisTime: now()))
                request.validatedAt = now()
            }
            request.state = state
            var summary = "État : « \(from.label) » → « \(state.label) »"
            if let note = note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty {
                summary += " — \(note)"
            }
            return Outcome(
                action: .requestStateChanged, summary: summary, details: ["from": from.rawValue, "to": state.rawValue],
                value: ())
        }.0
    }

    /// Marks the data validated, invalid or pending again.
    package func setDataState(_ id: Int64, to state: RequestDataState, by agentID: Int64) async throws -> CitizenRequest
    {
        try await change(id, by: agentID) { request, _ in
            let from = request.dataState
            try from.check(to: state)
            request.dataState = state
            return Outcome(
                action: .requestDataStateChanged, summary: "Données : « \(from.label) » → « \(state.label) »",
                details: ["from": from.rawValue, "to": state.rawValue], value: ())
        }.0
    }

    /// Edits one field in place; the data go back to pending.
    package func editField(_ id: Int64, key: String, values: [String], by agentID: Int64) async throws -> CitizenRequest
    {
        try await change(id, by: agentID) { request, sql in
            let catalog = RequestCatalogRepository(sql: sql)
            guard let teleservice = try await catalog.teleservice(request.teleserviceID) else {
                throw DomainError.notFound(what: "Téléservice")
            }
            var data = request.data
            data[key] = values
            try teleservice.form.check(data, lists: try await catalog.lists(of: request.teleserviceID))
            let label = teleservice.form.fields.first { $0.key == key }?.label ?? key
            let before = request.data[key]?.joined(separator: ", ") ?? ""
            request.data = data
            request.dataState = .pending
            return Outcome(
                action: .requestDataModified,
                summary: "Champ « \(label) » : « \(before) » → « \(values.joined(separator: ", ")) »",
                details: ["field": key], value: ())
        }.0
    }

    /// Changes a document's state, validity date and comment (the comment is read by the citizen).
    package func changeDocument(
        _ id: Int64, document documentID: Int64, state: DocumentState?, validUntil: CivilDate?, comment: String?,
        by agentID: Int64
    ) async throws -> RequestDocument {
        try await change(id, by: agentID) { _, sql in
            let repository = CitizenRequestRepository(sql: sql)
            guard var document = try await repository.document(documentID, of: id) else {
                throw DomainError.notFound(what: "Justificatif")
            }
            let from = document.state
            if let state, state != from {
                try from.check(to: state)
                document.state = state
            }
            if let validUntil { document.validUntil = validUntil }
            if let comment { document.comment = comment.trimmingCharacters(in: .whitespacesAndNewlines) }
            try await repository.saveDocument(document)
            var summary = "Justificatif « \(document.document.kind) » : « \(from.label) » → « \(document.state.label) »"
            if let until = document.validUntil { summary += ", valable jusqu'au \(until.french)" }
            return Outcome(
                action: .requestDocumentChanged, summary: summary,
                details: ["document": String(documentID), "state": document.state.rawValue], value: document)
        }.1
    }

    /// Attaches a document of the household's space.
    package func attachDocument(_ id: Int64, document documentID: Int64, by agentID: Int64) async throws {
        _ = try await change(id, by: agentID) { request, sql in
            guard let document = try await HouseholdRepository(sql: sql).document(documentID),
                document.householdID == request.householdID
            else { throw DomainError.notFound(what: "Document du foyer") }
            try await CitizenRequestRepository(sql: sql).attach(documentID, to: id)
            return Outcome(
                action: .requestDocumentAttached, summary: "Justificatif « \(document.kind) » joint",
                details: ["document": String(documentID)], value: ())
        }
    }

    /// Detaches a document: the association goes, the citizen keeps the document in their space.
    package func detachDocument(_ id: Int64, document documentID: Int64, by agentID: Int64) async throws {
        _ = try await change(id, by: agentID) { _, sql in
            let repository = CitizenRequestRepository(sql: sql)
            guard let document = try await repository.document(documentID, of: id) else {
                throw DomainError.notFound(what: "Justificatif")
            }
            try await repository.detach(documentID, from: id)
            return Outcome(
                action: .requestDocumentDetached,
                summary: "Justificatif « \(document.document.kind) » retiré de la demande",
                details: ["document": String(documentID)], value: ())
        }
    }

    /// Writes an internal note (agents only) or a public note (read by the citizen).
    package func addNote(_ id: Int64, kind: RequestNote.Kind, text: String, by agentID: Int64) async throws
        -> RequestNote
    {
        guard kind != .citizen else {
            throw DomainError.invalidField(field: "Type de note", reason: "choisissez une note interne ou usager.")
        }
        return try await change(id, by: agentID) { _, sql in
            let note = try await CitizenRequestRepository(sql: sql).addNote(
                RequestNote(requestID: id, kind: kind, agentID: agentID, text: text, createdAt: now()))
            return Outcome(
                action: .requestNoteAdded, summary: "\(kind.label) ajoutée", details: ["kind": kind.rawValue],
                value: note)
        }.1
    }

    // MARK: - Shared steps

    /// Loads the request with the agent's rights, requiring `needed` on its category.
    package static func load(
        _ id: Int64, agentID: Int64, needed: CategoryRight, sql: any SQLDatabase, forUpdate: Bool = false
    ) async throws -> (CitizenRequest, RequestAgentRights) {
        let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
        guard let request = try await CitizenRequestRepository(sql: sql).find(id, forUpdate: forUpdate) else {
            throw DomainError.notFound(what: "Demande")
        }
        try rights.require(needed, in: request.categoryID)
        return (request, rights)
    }

    /// What a change did: its journal action, the history's sentence, the journal's details, and a value.
    package struct Outcome<Value: Sendable>: Sendable {
        package let action: JournalAction
        package let summary: String
        package var details: [String: String] = [:]
        package let value: Value

        package init(action: JournalAction, summary: String, details: [String: String] = [:], value: Value) {
            self.action = action
            self.summary = summary
            self.details = details
            self.value = value
        }
    }

    /// A change by an agent: write right, no other agent's live lock (the agent then holds it), the change,
    /// then the request saved, its history and the journal written, in one transaction.
    package func change<Value: Sendable>(
        _ id: Int64, by agentID: Int64,
        _ body: @escaping @Sendable (inout CitizenRequest, any SQLDatabase) async throws -> Outcome<Value>
    ) async throws -> (CitizenRequest, Value) {
        try await database.transaction { sql in
            var (request, _) = try await Self.load(id, agentID: agentID, needed: .write, sql: sql, forUpdate: true)
            let time = now()
            request.lock = try RequestLocking.change(
                request.lock, by: agentID, at: time, duration: settings.lockDuration)
            let outcome = try await body(&request, sql)
            request.updatedAt = time
            request.lastAgentID = agentID
            try await CitizenRequestRepository(sql: sql).save(request)
            try await record(
                request, outcome.action, by: agentID, summary: outcome.summary, details: outcome.details, sql: sql)
            return (request, outcome.value)
        }
    }

    /// Writes a line of the request's history and the journal entry of an agent's change.
    package func record(
        _ request: CitizenRequest, _ action: JournalAction, by agentID: Int64, summary: String,
        details: [String: String] = [:], sql: any SQLDatabase
    ) async throws {
        let id = request.id ?? 0
        try await CitizenRequestRepository(sql: sql).addHistory(
            RequestHistoryEntry(
                requestID: id, at: now(), author: .agent(agentID), action: action.rawValue, summary: summary))
        var journalDetails = details
        journalDetails["number"] = request.number
        try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .agent(agentID), subject: JournalSubject(kind: "request", id: id), action: action,
                details: journalDetails))
    }

    package func detail(of request: CitizenRequest, rights: RequestAgentRights, sql: any SQLDatabase) async throws
        -> Detail
    {
        let id = request.id ?? 0
        guard let teleservice = try await RequestCatalogRepository(sql: sql).teleservice(request.teleserviceID) else {
            throw DomainError.notFound(what: "Téléservice")
        }
        let repository = CitizenRequestRepository(sql: sql)
        let time = now()
        let right = rights.right(in: request.categoryID)
        let lockedByOther = request.lock.map { $0.isLive(at: time) && $0.agentID != rights.agentID } ?? false
        return Detail(
            request: request, teleservice: teleservice, documents: try await repository.documents(of: id),
            notes: try await repository.notes(of: id, forCitizen: false),
            history: try await repository.history(of: id),
            household: try await household(request.householdID, sql: sql),
            quality: quality(of: request, teleservice: teleservice, at: time),
            allowedStates: right >= .write && !lockedByOther
                ? RequestWorkflow.standard.allowed(from: request.state, by: rights.mover(in: request.categoryID)) : [],
            right: right, editable: right >= .write && !lockedByOther)
    }

    private func household(_ id: Int64?, sql: any SQLDatabase) async throws -> Household? {
        guard let id else { return nil }
        return try await HouseholdRepository(sql: sql).find(id)
    }

    /// The request's quality level when it awaits an agent; `nil` otherwise.
    package func quality(of request: CitizenRequest, teleservice: Teleservice, at time: Int64) -> QualityLevel? {
        guard RequestState.awaitingInstruction.contains(request.state) else { return nil }
        return teleservice.effectiveQualityOfService(platform: settings.qualityOfService)
            .level(filed: CivilDate(parisTime: request.createdAt), today: CivilDate(parisTime: time))
    }
}
