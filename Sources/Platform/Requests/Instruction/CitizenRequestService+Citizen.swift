import PlatformKernel
import SQLKit

/// What the citizen does on their requests (the front office's use cases; its pages come later).
extension CitizenRequestService {
    /// What a citizen files.
    package struct Filing: Sendable {
        package var teleserviceID: Int64
        package var householdID: Int64?
        package var requesterID: Int64?
        /// The person concerned; the requester when `nil`.
        package var subjectID: Int64?
        /// For a teleservice without account: the names typed in the form.
        package var requesterName: String?
        package var subjectName: String?
        package var seasonID: Int64?
        package var data: [String: [String]] = [:]
        /// Documents of the household's space to attach.
        package var documentIDs: [Int64] = []
        package var note: String?
        /// The agent filing for the citizen at the counter ("mode guichet"): needs the write right on the
        /// teleservice's category; the history names them.
        package var counterAgentID: Int64?

        package init(
            teleserviceID: Int64, householdID: Int64? = nil, requesterID: Int64? = nil, subjectID: Int64? = nil,
            requesterName: String? = nil, subjectName: String? = nil, seasonID: Int64? = nil,
            data: [String: [String]] = [:], documentIDs: [Int64] = [], note: String? = nil, counterAgentID: Int64? = nil
        ) {
            self.teleserviceID = teleserviceID
            self.householdID = householdID
            self.requesterID = requesterID
            self.subjectID = subjectID
            self.requesterName = requesterName
            self.subjectName = subjectName
            self.seasonID = seasonID
            self.data = data
            self.documentIDs = documentIDs
            self.note = note
            self.counterAgentID = counterAgentID
        }
    }

    /// Files a request, "en attente": the teleservice online, an account when it needs one, the season's
    /// registrations open, the data matching the form. Once committed, the agents who read its category are
    /// told by mail (a failed mail is logged, the request stays filed).
    package func file(_ filing: Filing) async throws -> CitizenRequest {
        let request = try await database.transaction { sql in
            let catalog = RequestCatalogRepository(sql: sql)
            guard let teleservice = try await catalog.teleservice(filing.teleserviceID) else {
                throw DomainError.notFound(what: "Téléservice")
            }
            guard teleservice.online else { throw RequestError.teleserviceOffline(name: teleservice.name) }
            if let agentID = filing.counterAgentID {
                try await RequestRightsRepository(sql: sql).rights(of: agentID).require(
                    .write, in: teleservice.categoryID, what: "Téléservice")
            }
            let time = now()
            var household: Household?
            if let householdID = filing.householdID {
                household = try await HouseholdRepository(sql: sql).find(householdID)
                guard household?.status == .active else { throw DomainError.notFound(what: "Compte foyer") }
                // A household files only with its own entity's teleservices (issue 20, item 1).
                let owner = try await RequestEntityRepository(sql: sql).entity(ofCategory: teleservice.categoryID)
                if let owner, let entityID = household?.entityID, owner != entityID {
                    throw DomainError.notFound(what: "Téléservice")
                }
            }
            if teleservice.requiresAccount, household == nil {
                throw DomainError.forbidden(reason: "Connectez-vous à votre compte foyer pour faire cette demande.")
            }
            let requester = household?.members.first { $0.id == (filing.requesterID ?? household?.responsible?.id) }
            let subject = household?.members.first { $0.id == (filing.subjectID ?? requester?.id) }
            if household != nil, requester == nil || subject == nil {
                throw DomainError.invalidField(field: "Demandeur", reason: "choisissez un membre du foyer.")
            }
            let requesterName = requester?.fullName ?? filing.requesterName ?? ""
            guard !requesterName.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw DomainError.invalidField(field: "Demandeur", reason: "saisissez votre nom.")
            }
            if let seasonID = filing.seasonID {
                guard let season = try await catalog.season(seasonID), season.teleserviceID == teleservice.id else {
                    throw DomainError.notFound(what: "Saison")
                }
                guard season.acceptsRegistrations(on: CivilDate(parisTime: time)) else {
                    throw RequestError.registrationClosed
                }
            } else if try await catalog.seasons(of: teleservice.id ?? 0).contains(where: {
                $0.acceptsRegistrations(on: CivilDate(parisTime: time))
            }) {
                throw DomainError.invalidField(field: "Saison", reason: "choisissez la saison.")
            }
            try teleservice.form.check(filing.data, lists: try await catalog.lists(of: filing.teleserviceID))
            let repository = CitizenRequestRepository(sql: sql)
            let request = try await repository.create(
                CitizenRequest(
                    teleserviceID: filing.teleserviceID, categoryID: teleservice.categoryID, seasonID: filing.seasonID,
                    householdID: household?.id, requesterID: requester?.id, requesterName: requesterName,
                    subjectID: subject?.id, subjectName: subject?.fullName ?? filing.subjectName ?? requesterName,
                    data: filing.data, createdAt: time, updatedAt: time))
            let id = request.id ?? 0
            for documentID in filing.documentIDs {
                guard let document = try await HouseholdRepository(sql: sql).document(documentID),
                    document.householdID == household?.id
                else { throw DomainError.notFound(what: "Document") }
                try await repository.attach(documentID, to: id)
            }
            if let note = filing.note, !note.trimmingCharacters(in: .whitespaces).isEmpty {
                _ = try await repository.addNote(
                    RequestNote(requestID: id, kind: .citizen, agentID: nil, text: note, createdAt: time))
            }
            if let agentID = filing.counterAgentID {
                try await record(request, .requestFiled, by: agentID, summary: "Demande saisie au guichet", sql: sql)
            } else {
                try await recordCitizen(request, .requestFiled, summary: "Demande déposée", sql: sql)
            }
            return request
        }
        await notifier?.newRequest(request)
        return request
    }

    /// The notes the citizen reads on their request: public ones and their own.
    package func citizenNotes(_ id: Int64, household householdID: Int64) async throws -> [RequestNote] {
        try await database.session { sql in
            _ = try await Self.loadForCitizen(id, household: householdID, sql: sql)
            return try await CitizenRequestRepository(sql: sql).notes(of: id, forCitizen: true)
        }
    }

    /// The documents of the citizen's request with their state, validity and the agents' comments.
    package func citizenDocuments(_ id: Int64, household householdID: Int64) async throws -> [RequestDocument] {
        try await database.session { sql in
            _ = try await Self.loadForCitizen(id, household: householdID, sql: sql)
            return try await CitizenRequestRepository(sql: sql).documents(of: id)
        }
    }

    /// The citizen answers or adds a complement: allowed while an agent works on the request.
    package func citizenAnswer(_ id: Int64, household householdID: Int64, text: String) async throws -> RequestNote {
        try await database.transaction { sql in
            let request = try await Self.loadForCitizen(id, household: householdID, sql: sql)
            let note = try await CitizenRequestRepository(sql: sql).addNote(
                RequestNote(requestID: id, kind: .citizen, agentID: nil, text: text, createdAt: now()))
            try await recordCitizen(request, .requestNoteAdded, summary: "Note du demandeur ajoutée", sql: sql)
            return note
        }
    }

    /// The citizen changes their data: refused while an agent holds the lock; an incomplete request
    /// becomes "rectifiée".
    package func citizenUpdate(_ id: Int64, household householdID: Int64, data: [String: [String]]) async throws
        -> CitizenRequest
    {
        try await database.transaction { sql in
            var request = try await Self.loadForCitizen(id, household: householdID, sql: sql, forUpdate: true)
            let time = now()
            try RequestLocking.checkCitizenChange(request.lock, at: time)
            guard [.pending, .uncomplete].contains(request.state) else {
                throw DomainError.conflict(
                    reason: "Votre demande est « \(request.state.label) » : elle n'est plus modifiable.")
            }
            let catalog = RequestCatalogRepository(sql: sql)
            guard let teleservice = try await catalog.teleservice(request.teleserviceID) else {
                throw DomainError.notFound(what: "Téléservice")
            }
            try teleservice.form.check(data, lists: try await catalog.lists(of: request.teleserviceID))
            request.data = data
            request.dataState = .pending
            request.updatedAt = time
            var summary = "Données modifiées par le demandeur"
            if request.state == .uncomplete {
                try RequestWorkflow.standard.check(from: .uncomplete, to: .rectified, by: .citizen)
                request.state = .rectified
                summary += " ; état : « Incomplète » → « Rectifiée »"
            }
            try await CitizenRequestRepository(sql: sql).save(request)
            try await recordCitizen(request, .requestDataModified, summary: summary, sql: sql)
            return request
        }
    }

    package static func loadForCitizen(
        _ id: Int64, household householdID: Int64, sql: any SQLDatabase, forUpdate: Bool = false
    )
        async throws -> CitizenRequest
    {
        guard let request = try await CitizenRequestRepository(sql: sql).find(id, forUpdate: forUpdate),
            request.householdID == householdID
        else { throw DomainError.notFound(what: "Demande") }
        return request
    }

    private func recordCitizen(
        _ request: CitizenRequest, _ action: JournalAction, summary: String, sql: any SQLDatabase
    ) async throws {
        let id = request.id ?? 0
        try await CitizenRequestRepository(sql: sql).addHistory(
            RequestHistoryEntry(
                requestID: id, at: now(), author: request.householdID.map { .citizen($0) } ?? .system,
                action: action.rawValue, summary: summary))
        try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .system, subject: JournalSubject(kind: "request", id: id), action: action,
                details: ["number": request.number, "household": request.householdID.map(String.init) ?? ""]))
    }
}
