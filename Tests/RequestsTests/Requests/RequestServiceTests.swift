import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The use cases on real storage, SQLite and PostgreSQL: filing, transitions with their history and
/// journal, locks, notes, documents, rights per category, seasons.
extension DatabaseTests {
    struct RequestServiceTests {
        @Test(arguments: StorageBackend.available)
        func filingThenInstructionToValidation(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                #expect(
                    f.request.number
                        == "2027-\(String(repeating: "0", count: 6 - String(f.requestID).count))\(f.requestID)")
                #expect(f.request.state == .pending)
                #expect(f.request.requesterName == "Anne Legrand")
                #expect(f.request.subjectName == "Léo Legrand")
                // Pending cannot jump to validated; the French error lists what is allowed.
                await #expect(
                    throws: RequestError.transitionRefused(
                        from: .pending, to: .validated,
                        allowed: [.inProgress, .complete, .uncomplete, .rejected, .cancelled])
                ) {
                    _ = try await f.service.transition(f.requestID, to: .validated, by: f.instructor)
                }
                _ = try await f.service.transition(f.requestID, to: .inProgress, by: f.instructor)
                _ = try await f.service.transition(f.requestID, to: .complete, by: f.instructor)
                // Data and document not validated yet.
                await #expect(throws: RequestError.self) {
                    _ = try await f.service.transition(f.requestID, to: .validated, by: f.instructor)
                }
                _ = try await f.service.setDataState(f.requestID, to: .validated, by: f.instructor)
                _ = try await f.service.changeDocument(
                    f.requestID, document: f.homeProof.id ?? 0, state: .validated, validUntil: CivilDate(2027, 12, 31),
                    comment: "Merci.", by: f.instructor)
                let validated = try await f.service.transition(
                    f.requestID, to: .validated, note: "Dossier complet", by: f.instructor)
                #expect(validated.state == .validated)
                #expect(validated.validatedAt == RequestFixture.start)
                let detail = try await f.service.detail(f.requestID, for: f.reader)
                #expect(detail.request.state == .validated)
                #expect(detail.allowedStates.isEmpty)  // a reader moves nothing
                #expect(detail.request.lastAgentID == f.instructor)
                let actions = detail.history.map(\.action)
                #expect(actions.first == "request.filed")
                #expect(actions.filter { $0 == "request.state-changed" }.count == 3)
                #expect(detail.history.last?.summary == "État : « Complète » → « Validée » — Dossier complet")
                #expect(detail.history.last?.author == .agent(f.instructor))
                let journal = try await database.session { sql in
                    try await JournalRepository(sql: sql).entries(
                        subject: JournalSubject(kind: "request", id: f.requestID))
                }
                #expect(journal.count == detail.history.count)
                let verification = try await database.session { sql in try await JournalRepository(sql: sql).verify() }
                guard case .intact = verification else {
                    Issue.record("the journal does not verify: \(verification)")
                    return
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func locksAreExclusiveExpireAndAreTakenOverByManagers(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let opened = try await f.service.open(f.requestID, by: f.instructor)
                #expect(
                    opened.request.lock == RequestLock(agentID: f.instructor, expiresAt: RequestFixture.start + 600))
                #expect(opened.editable)
                // The colleague reads only, and cannot change anything.
                let seen = try await f.service.open(f.requestID, by: f.colleague)
                #expect(!seen.editable && seen.allowedStates.isEmpty)
                #expect(seen.request.lock?.agentID == f.instructor)
                await #expect(
                    throws: RequestError.lockedByAnotherAgent(agentID: f.instructor, until: RequestFixture.start + 600)
                ) {
                    _ = try await f.service.addNote(
                        f.requestID, kind: .internal, text: "Je m'en occupe", by: f.colleague)
                }
                await #expect(
                    throws: RequestError.lockedByAnotherAgent(agentID: f.instructor, until: RequestFixture.start + 600)
                ) {
                    _ = try await f.service.release(f.requestID, by: f.colleague)
                }
                await #expect(throws: RequestError.takeOverNeedsManager) {
                    _ = try await f.service.takeOver(f.requestID, by: f.colleague)
                }
                // The citizen cannot modify meanwhile, but may still answer.
                let householdID = f.household.id ?? 0
                await #expect(throws: RequestError.lockedForCitizen) {
                    _ = try await f.service.citizenUpdate(
                        f.requestID, household: householdID, data: ["ecole": ["gare"]])
                }
                _ = try await f.service.citizenAnswer(f.requestID, household: householdID, text: "Merci")
                // The manager takes over.
                let taken = try await f.service.takeOver(f.requestID, by: f.manager)
                #expect(taken.request.lock?.agentID == f.manager)
                await #expect(throws: RequestError.self) {
                    _ = try await f.service.transition(f.requestID, to: .inProgress, by: f.instructor)
                }
                // Released by its holder, the request is free again.
                let released = try await f.service.release(f.requestID, by: f.manager)
                #expect(released.request.lock == nil)
                _ = try await f.service.transition(f.requestID, to: .inProgress, by: f.colleague)
                // The colleague's lock expires after 10 minutes: the instructor then works on it.
                f.clock.advance(599)
                await #expect(throws: RequestError.self) {
                    _ = try await f.service.addNote(f.requestID, kind: .internal, text: "Tôt", by: f.instructor)
                }
                f.clock.advance(1)
                _ = try await f.service.addNote(f.requestID, kind: .internal, text: "À temps", by: f.instructor)
                let detail = try await f.service.detail(f.requestID, for: f.instructor)
                #expect(detail.request.lock?.agentID == f.instructor)
                #expect(detail.history.map(\.action).contains("request.lock-taken-over"))
                #expect(detail.history.map(\.action).contains("request.unlocked"))
                // Found incomplete; once no agent holds the lock, the citizen's change makes it "Rectifiée".
                _ = try await f.service.transition(f.requestID, to: .uncomplete, by: f.instructor)
                await #expect(throws: RequestError.lockedForCitizen) {
                    _ = try await f.service.citizenUpdate(
                        f.requestID, household: householdID, data: ["ecole": ["gare"]])
                }
                f.clock.advance(600)
                let updated = try await f.service.citizenUpdate(
                    f.requestID, household: householdID, data: ["ecole": ["gare"]])
                #expect(updated.data["ecole"] == ["gare"])
                #expect(updated.state == .rectified && updated.dataState == .pending)
            }
        }

        @Test(arguments: StorageBackend.available)
        func internalNotesStayWithAgents(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let householdID = f.household.id ?? 0
                _ = try await f.service.addNote(
                    f.requestID, kind: .internal, text: "Vérifier l'adresse", by: f.instructor)
                _ = try await f.service.addNote(
                    f.requestID, kind: .public, text: "Merci de confirmer l'école", by: f.instructor)
                _ = try await f.service.citizenAnswer(f.requestID, household: householdID, text: "L'école du Parc")
                let citizen = try await f.service.citizenNotes(f.requestID, household: householdID)
                #expect(
                    citizen.map(\.text) == ["Léo mange sans porc.", "Merci de confirmer l'école", "L'école du Parc"])
                #expect(!citizen.contains { $0.kind == .internal })
                let agent = try await f.service.detail(f.requestID, for: f.reader).notes
                #expect(agent.map(\.kind) == [.citizen, .internal, .public, .citizen])
                // Another household sees nothing of the request.
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    _ = try await f.service.citizenNotes(f.requestID, household: householdID + 1)
                }
                await #expect(throws: DomainError.self) {
                    _ = try await f.service.addNote(f.requestID, kind: .citizen, text: "Usurpation", by: f.instructor)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func detachingKeepsTheCitizensDocument(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let documentID = try #require(f.homeProof.id)
                let householdID = try #require(f.household.id)
                // The same document on a second request of the household.
                let second = try await f.service.file(
                    .init(
                        teleserviceID: f.teleservice.id ?? 0, householdID: householdID, seasonID: f.season.id,
                        data: ["ecole": ["gare"]], documentIDs: [documentID]))
                try await f.service.detachDocument(f.requestID, document: documentID, by: f.instructor)
                #expect(try await f.service.detail(f.requestID, for: f.instructor).documents.isEmpty)
                let space = try await f.households.documents(of: householdID)
                #expect(space.map(\.id) == [documentID, f.otherProof.id])
                let other = try await f.service.detail(second.id ?? 0, for: f.instructor)
                #expect(other.documents.map(\.document.id) == [documentID])
                // Attached again from the citizen's space; a document of another household is not found.
                try await f.service.attachDocument(f.requestID, document: documentID, by: f.instructor)
                #expect(try await f.service.detail(f.requestID, for: f.instructor).documents.count == 1)
                let stranger = try await f.households.create(
                    Household(
                        email: "x@example.invalid",
                        members: [.init(role: .responsible, civility: .monsieur, lastName: "Autre", firstName: "Paul")])
                )
                let foreign = try await f.households.addDocument(
                    kind: "Justificatif de domicile", fileName: "x.pdf", sha256: "cc", to: stranger.id ?? 0)
                await #expect(throws: DomainError.notFound(what: "Document du foyer")) {
                    try await f.service.attachDocument(f.requestID, document: foreign.id ?? 0, by: f.instructor)
                }
                // The document's state follows its lifecycle.
                let refused = try await f.service.changeDocument(
                    f.requestID, document: documentID, state: .refused, validUntil: nil, comment: "Illisible",
                    by: f.instructor)
                #expect(refused.state == .refused && refused.comment == "Illisible")
                await #expect(
                    throws: RequestError.documentTransitionRefused(
                        from: .refused, to: .outdated, allowed: [.validated, .pending])
                ) {
                    _ = try await f.service.changeDocument(
                        f.requestID, document: documentID, state: .outdated, validUntil: nil, comment: nil,
                        by: f.instructor)
                }
                // The citizen reads the state and the comment in their space.
                let seen = try await f.service.citizenDocuments(f.requestID, household: householdID)
                #expect(seen.map(\.comment) == ["Illisible"] && seen.map(\.state) == [.refused])
            }
        }

        @Test(arguments: StorageBackend.available)
        func rightsPerCategory(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                // No access: the request does not exist for the agent.
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    _ = try await f.service.detail(f.requestID, for: f.outsider)
                }
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    _ = try await f.service.transition(f.requestID, to: .inProgress, by: f.outsider)
                }
                #expect(try await f.service.search(RequestSearch(), for: f.outsider).isEmpty)
                // Read: sees, cannot change, and opening does not lock.
                let read = try await f.service.open(f.requestID, by: f.reader)
                #expect(read.request.lock == nil && !read.editable && read.right == .read)
                await #expect(throws: DomainError.self) {
                    _ = try await f.service.transition(f.requestID, to: .inProgress, by: f.reader)
                }
                #expect(try await f.service.search(RequestSearch(), for: f.reader).count == 1)
                // Manage: the teleservice's configuration; write is not enough.
                await #expect(throws: DomainError.self) {
                    _ = try await f.catalog.addSeason(
                        SeasonAndLockTests.season(
                            "2028-2029", registration: (CivilDate(2028, 3, 1), CivilDate(2028, 5, 31)),
                            run: (CivilDate(2028, 9, 1), CivilDate(2029, 7, 5)), teleservice: f.teleservice.id ?? 0),
                        by: f.instructor)
                }
                // Administrators see everything; only they create categories and give rights.
                #expect(try await f.service.detail(f.requestID, for: f.administrator).right == .manage)
                await #expect(throws: DomainError.self) {
                    _ = try await f.catalog.createCategory("Sport", by: f.manager)
                }
                try await f.catalog.setRight(CategoryRight.none, of: f.reader, in: f.childhood, by: f.administrator)
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    _ = try await f.service.detail(f.requestID, for: f.reader)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func seasonsOverlapRefusedAndRegistrationPeriodEnforced(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let teleservice = f.teleservice.id ?? 0
                await #expect(throws: RequestError.seasonOverlap(season: "Été", other: "2027-2028", period: "saison")) {
                    _ = try await f.catalog.addSeason(
                        SeasonAndLockTests.season(
                            "Été", registration: (CivilDate(2027, 6, 1), CivilDate(2027, 6, 30)),
                            run: (CivilDate(2028, 7, 1), CivilDate(2028, 8, 31)), teleservice: teleservice),
                        by: f.manager)
                }
                let next = try await f.catalog.addSeason(
                    SeasonAndLockTests.season(
                        "2028-2029", registration: (CivilDate(2028, 3, 1), CivilDate(2028, 5, 31)),
                        run: (CivilDate(2028, 9, 1), CivilDate(2029, 7, 5)), teleservice: teleservice),
                    by: f.manager)
                #expect(
                    try await f.catalog.seasons(of: teleservice, for: f.reader).map(\.name) == [
                        "2027-2028", "2028-2029",
                    ])
                await #expect(throws: RequestError.registrationClosed) {
                    _ = try await f.service.file(
                        .init(
                            teleserviceID: teleservice, householdID: f.household.id, seasonID: next.id,
                            data: ["ecole": ["parc"]]))
                }
                // Modified, a season keeps clear of the others; one with requests stays.
                var moved = next
                moved.registrationOpens = CivilDate(2027, 5, 1)
                await #expect(
                    throws: RequestError.seasonOverlap(
                        season: "2028-2029", other: "2027-2028", period: "période d'inscription")
                ) { _ = try await f.catalog.modifySeason(moved, by: f.manager) }
                moved.registrationOpens = CivilDate(2028, 2, 1)
                #expect(
                    try await f.catalog.modifySeason(moved, by: f.manager).registrationOpens == CivilDate(2028, 2, 1))
                #expect(
                    try await f.catalog.seasons(of: teleservice, for: f.reader).last?.registrationOpens
                        == CivilDate(2028, 2, 1))
                await #expect(throws: DomainError.self) {
                    try await f.catalog.deleteSeason(f.season.id ?? 0, by: f.manager)
                }
                await #expect(throws: DomainError.self) {
                    try await f.catalog.deleteSeason(next.id ?? 0, by: f.instructor)
                }
                try await f.catalog.deleteSeason(next.id ?? 0, by: f.manager)
                #expect(try await f.catalog.seasons(of: teleservice, for: f.reader).map(\.name) == ["2027-2028"])
                // Offline teleservice, unknown parameter value.
                var offline = f.teleservice
                offline.online = false
                _ = try await f.catalog.modifyTeleservice(offline, by: f.manager)
                await #expect(throws: RequestError.teleserviceOffline(name: "Inscription scolaire")) {
                    _ = try await f.service.file(
                        .init(teleserviceID: teleservice, householdID: f.household.id, data: ["ecole": ["parc"]]))
                }
                offline.online = true
                _ = try await f.catalog.modifyTeleservice(offline, by: f.manager)
                await #expect(throws: DomainError.self) {
                    _ = try await f.service.file(
                        .init(teleserviceID: teleservice, householdID: f.household.id, data: ["ecole": ["lune"]]))
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func taskBoardAndSearch(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                var board = try await f.service.taskBoard(for: f.instructor)
                #expect(board.new.map(\.request.id) == [f.requestID])
                #expect(board.new.first?.quality == .onTime)
                #expect(board.mine.isEmpty && board.urgent.isEmpty && board.late.isEmpty)
                // Filed Tuesday 6 April 2027; Tuesday 13 April is 5 working days later, Friday 16 the 8th: urgent.
                f.clock.set(RequestFixture.start + 10 * 86_400)
                board = try await f.service.taskBoard(for: f.instructor)
                #expect(board.urgent.map(\.request.id) == [f.requestID])
                // Thursday 22 April is the 12th working day: late.
                f.clock.set(RequestFixture.start + 16 * 86_400)
                board = try await f.service.taskBoard(for: f.instructor)
                #expect(board.late.map(\.request.id) == [f.requestID] && board.urgent.isEmpty)
                _ = try await f.service.transition(f.requestID, to: .inProgress, by: f.instructor)
                board = try await f.service.taskBoard(for: f.instructor)
                #expect(board.mine.map(\.request.id) == [f.requestID] && board.new.isEmpty)
                #expect(try await f.service.taskBoard(for: f.colleague).mine.isEmpty)
                // Search by names (accents and case ignored), number, household, dates, filters.
                let search = { (query: RequestSearch) in
                    try await f.service.search(query, for: f.reader).map(\.request.id)
                }
                #expect(try await search(RequestSearch(requester: "anne")) == [f.requestID])
                #expect(try await search(RequestSearch(subject: "LEO")) == [f.requestID])
                #expect(try await search(RequestSearch(subject: "Anne")).isEmpty)
                #expect(try await search(RequestSearch(number: f.request.number)) == [f.requestID])
                #expect(try await search(RequestSearch(householdID: f.household.id)) == [f.requestID])
                #expect(
                    try await search(RequestSearch(from: CivilDate(2027, 4, 6), to: CivilDate(2027, 4, 6))) == [
                        f.requestID
                    ])
                #expect(try await search(RequestSearch(from: CivilDate(2027, 4, 7))).isEmpty)
                #expect(try await search(RequestSearch(state: .inProgress, lastAgentID: f.instructor)) == [f.requestID])
                #expect(try await search(RequestSearch(categoryID: f.civilStatus)).isEmpty)
                #expect(try await search(RequestSearch(quality: .late)) == [f.requestID])
                #expect(try await search(RequestSearch(quality: .urgent)).isEmpty)
            }
        }
    }
}
