import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Seasons never overlap; locks are exclusive, expire, and are taken over by managers only; rights per
/// category hide or refuse. Rules without storage.
struct SeasonAndLockTests {
    static func season(
        _ name: String, registration: (CivilDate, CivilDate), run: (CivilDate, CivilDate), id: Int64? = nil,
        teleservice: Int64 = 1
    ) -> Season {
        Season(
            id: id, teleserviceID: teleservice, name: name, registrationOpens: registration.0,
            registrationCloses: registration.1, validationFrom: registration.1, start: run.0, end: run.1)
    }

    private let year2027 = SeasonAndLockTests.season(
        "2027-2028", registration: (CivilDate(2027, 3, 1), CivilDate(2027, 5, 31)),
        run: (CivilDate(2027, 9, 1), CivilDate(2028, 7, 5)), id: 1)

    @Test func seasonsOfOneTeleserviceNeverOverlap() throws {
        let next = Self.season(
            "2028-2029", registration: (CivilDate(2028, 3, 1), CivilDate(2028, 5, 31)),
            run: (CivilDate(2028, 9, 1), CivilDate(2029, 7, 5)))
        try next.checkNoOverlap(with: [year2027])
        let overlapping = Self.season(
            "Été 2028", registration: (CivilDate(2028, 1, 1), CivilDate(2028, 2, 1)),
            run: (CivilDate(2028, 7, 5), CivilDate(2028, 8, 31)))
        #expect(throws: RequestError.seasonOverlap(season: "Été 2028", other: "2027-2028", period: "saison")) {
            try overlapping.checkNoOverlap(with: [year2027])
        }
        // Seasons apart, registration periods overlapping by one day.
        let registrationOverlap = Self.season(
            "Stage", registration: (CivilDate(2027, 5, 31), CivilDate(2027, 6, 10)),
            run: (CivilDate(2028, 7, 10), CivilDate(2028, 7, 20)))
        #expect(
            throws: RequestError.seasonOverlap(season: "Stage", other: "2027-2028", period: "période d'inscription")
        ) { try registrationOverlap.checkNoOverlap(with: [year2027]) }
        // Another teleservice's season, or the season itself when modified, is no conflict.
        try Self.season(
            "Autre", registration: (CivilDate(2027, 3, 1), CivilDate(2027, 5, 31)),
            run: (CivilDate(2027, 9, 1), CivilDate(2028, 7, 5)), teleservice: 2
        ).checkNoOverlap(with: [year2027])
        try year2027.checkNoOverlap(with: [year2027])
        #expect(throws: RequestError.invalidSeason("la fin de la saison doit suivre son début.")) {
            try Self.season(
                "À l'envers", registration: (CivilDate(2027, 1, 1), CivilDate(2027, 1, 2)),
                run: (CivilDate(2027, 9, 1), CivilDate(2027, 8, 1))
            ).validate()
        }
    }

    @Test func openingLocksForTheFirstWriterOnly() {
        let lock = RequestLocking.open(nil, by: 1, canWrite: true, at: 1000, duration: 600)
        #expect(lock == RequestLock(agentID: 1, expiresAt: 1600))
        // Another agent opening meanwhile reads only: the lock stays agent 1's.
        #expect(RequestLocking.open(lock, by: 2, canWrite: true, at: 1100, duration: 600) == lock)
        // A reader never locks.
        #expect(RequestLocking.open(nil, by: 3, canWrite: false, at: 1100, duration: 600) == nil)
        // The holder renews it; after expiry, the next writer gets it.
        #expect(RequestLocking.open(lock, by: 1, canWrite: true, at: 1500, duration: 600)?.expiresAt == 2100)
        #expect(RequestLocking.open(lock, by: 2, canWrite: true, at: 1600, duration: 600)?.agentID == 2)
    }

    @Test func changesReleaseAndTakeOver() throws {
        let lock = RequestLock(agentID: 1, expiresAt: 1600)
        #expect(throws: RequestError.lockedByAnotherAgent(agentID: 1, until: 1600)) {
            try RequestLocking.change(lock, by: 2, at: 1599, duration: 600)
        }
        #expect(try RequestLocking.change(lock, by: 2, at: 1600, duration: 600).agentID == 2)
        #expect(throws: RequestError.lockedByAnotherAgent(agentID: 1, until: 1600)) {
            try RequestLocking.release(lock, by: 2, isManager: false, at: 1500)
        }
        #expect(try RequestLocking.release(lock, by: 1, isManager: false, at: 1500) == nil)
        #expect(try RequestLocking.release(lock, by: 3, isManager: true, at: 1500) == nil)
        #expect(throws: RequestError.takeOverNeedsManager) {
            try RequestLocking.takeOver(lock, by: 2, isManager: false, at: 1500, duration: 600)
        }
        #expect(try RequestLocking.takeOver(lock, by: 3, isManager: true, at: 1500, duration: 600).agentID == 3)
        #expect(throws: RequestError.lockedForCitizen) { try RequestLocking.checkCitizenChange(lock, at: 1599) }
        try RequestLocking.checkCitizenChange(lock, at: 1600)
    }

    @Test func rightsPerCategory() throws {
        let rights = RequestAgentRights(agentID: 5, byCategory: [1: .read, 2: .write, 3: .manage])
        #expect(throws: DomainError.notFound(what: "Demande")) { try rights.require(.read, in: 9) }
        #expect(throws: DomainError.self) { try rights.require(.write, in: 1) }
        try rights.require(.read, in: 1)
        try rights.require(.write, in: 2)
        try rights.require(.write, in: 3)
        #expect(rights.readableCategories == [1, 2, 3])
        let administrator = RequestAgentRights(agentID: 6, isAdministrator: true)
        #expect(administrator.right(in: 42) == .manage)
        #expect(administrator.readableCategories == nil)
        #expect(throws: DomainError.self) { try rights.requireAdministrator() }
        #expect(CategoryRight.none < .read && CategoryRight.write < .manage)
    }

    @Test func notesVisibility() {
        #expect(!RequestNote(requestID: 1, kind: .internal, text: "x", createdAt: 0).isVisibleToCitizen)
        #expect(RequestNote(requestID: 1, kind: .public, text: "x", createdAt: 0).isVisibleToCitizen)
        #expect(RequestNote(requestID: 1, kind: .citizen, text: "x", createdAt: 0).isVisibleToCitizen)
    }
}
