import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The three lifecycles as declared tables: what is allowed, and what is refused with the French list
/// of what is allowed.
struct RequestWorkflowTests {
    private let workflow = RequestWorkflow.standard

    @Test func aPendingRequestMovesToTheInstructionStates() throws {
        #expect(
            workflow.allowed(from: .pending, by: .agent) == [
                .inProgress, .complete, .uncomplete, .rejected, .cancelled,
            ])
        try workflow.check(from: .pending, to: .inProgress, by: .agent)
        try workflow.check(from: .complete, to: .validated, by: .agent)
        try workflow.check(from: .validated, to: .notified, by: .agent)
        try workflow.check(from: .validated, to: .closed, by: .agent)
        try workflow.check(from: .notified, to: .archived, by: .manager)
        try workflow.check(from: .closed, to: .archived, by: .manager)
    }

    @Test func onlyManagersArchiveAndTheyMayDoEveryAgentMove() throws {
        #expect(throws: RequestError.transitionRefused(from: .closed, to: .archived, allowed: [])) {
            try workflow.check(from: .closed, to: .archived, by: .agent)
        }
        #expect(workflow.allowed(from: .notified, by: .agent) == [.closed])
        #expect(workflow.allowed(from: .notified, by: .manager) == [.closed, .archived])
        for state in RequestState.allCases {
            let agent = Set(workflow.allowed(from: state, by: .agent))
            #expect(agent.isSubset(of: Set(workflow.allowed(from: state, by: .manager))), "\(state)")
        }
        #expect(workflow.allowed(from: .uncomplete, by: .manager).contains(.rectified) == false)
        var rights = RequestAgentRights(agentID: 1, byCategory: [7: .write, 8: .manage])
        #expect(rights.mover(in: 7) == .agent)
        #expect(rights.mover(in: 8) == .manager)
        rights.isAdministrator = true
        #expect(rights.mover(in: 7) == .manager)
    }

    @Test func refusedTransitionsSayWhatIsAllowed() {
        #expect(
            throws: RequestError.transitionRefused(
                from: .pending, to: .validated, allowed: [.inProgress, .complete, .uncomplete, .rejected, .cancelled])
        ) {
            try workflow.check(from: .pending, to: .validated, by: .agent)
        }
        do {
            try workflow.check(from: .validated, to: .pending, by: .agent)
            Issue.record("validated → pending accepted")
        } catch {
            #expect(
                error.description
                    == "Une demande « Validée » ne peut pas passer à l'état « En attente » : les états possibles sont « Notifiée », « Clôturée »."
            )
        }
        do {
            try workflow.check(from: .archived, to: .closed, by: .agent)
            Issue.record("archived → closed accepted")
        } catch {
            #expect(error.description.hasSuffix("aucun changement d'état n'est possible depuis cet état."))
        }
    }

    @Test func onlyTheCitizenRectifiesAnIncompleteRequest() throws {
        #expect(!workflow.allowed(from: .uncomplete, by: .agent).contains(.rectified))
        #expect(workflow.allowed(from: .uncomplete, by: .citizen) == [.rectified])
        try workflow.check(from: .uncomplete, to: .rectified, by: .citizen)
        #expect(throws: RequestError.self) { try workflow.check(from: .pending, to: .rectified, by: .citizen) }
        #expect(throws: RequestError.self) { try workflow.check(from: .uncomplete, to: .rectified, by: .agent) }
    }

    @Test func everyStateButArchivedHasAWayOutAndTheTableHasNoDuplicate() {
        for state in RequestState.allCases where state != .archived {
            #expect(!workflow.allowed(from: state, by: .manager).isEmpty, "\(state)")
        }
        #expect(workflow.allowed(from: .archived, by: .manager).isEmpty)
        #expect(Set(workflow.transitions).count == workflow.transitions.count)
        #expect(RequestState.allCases.map(\.label).contains("Clôturée"))
    }

    @Test func dataAndDocumentsHaveTheirOwnLifecycles() throws {
        try RequestDataState.pending.check(to: .validated)
        try RequestDataState.validated.check(to: .invalid)
        #expect(throws: RequestError.dataTransitionRefused(from: .validated, to: .validated, allowed: [.invalid])) {
            try RequestDataState.validated.check(to: .validated)
        }
        try DocumentState.pending.check(to: .validated)
        try DocumentState.validated.check(to: .outdated)
        #expect(throws: RequestError.documentTransitionRefused(from: .outdated, to: .validated, allowed: [.pending])) {
            try DocumentState.outdated.check(to: .validated)
        }
        try DocumentState.pending.check(to: .outdated)
        try DocumentState.outdated.check(to: .pending)
        #expect(throws: RequestError.self) { try DocumentState.refused.check(to: .outdated) }
    }

    @Test func aValidatedDocumentPastItsValidityDateIsOutdated() {
        let until = CivilDate(2027, 3, 31)
        #expect(DocumentState.validated.effective(validUntil: until, on: CivilDate(2027, 3, 31)) == .validated)
        #expect(DocumentState.validated.effective(validUntil: until, on: CivilDate(2027, 4, 1)) == .outdated)
        #expect(DocumentState.validated.effective(validUntil: nil, on: CivilDate(2099, 1, 1)) == .validated)
        #expect(DocumentState.refused.effective(validUntil: until, on: CivilDate(2027, 4, 1)) == .refused)
    }

    @Test func validationNeedsValidatedDataDocumentsAndTheSeasonDate() throws {
        let document = CitizenDocument(
            id: 1, householdID: 1, kind: "Justificatif de domicile", fileName: "edf.pdf", sha256: "00", createdAt: 0)
        var attached = RequestDocument(requestID: 1, document: document, state: .validated)
        let today = CivilDate(2027, 6, 1)
        try RequestValidation.check(
            data: .validated, documents: [attached], required: ["Justificatif de domicile"], season: nil, today: today)
        #expect(
            throws: RequestError.notReadyForValidation(reasons: [
                "les données sont « En attente »", "la pièce « Livret de famille » n'est pas fournie",
            ])
        ) {
            try RequestValidation.check(
                data: .pending, documents: [attached], required: ["Livret de famille"], season: nil, today: today)
        }
        attached.validUntil = CivilDate(2027, 5, 31)
        #expect(
            throws: RequestError.notReadyForValidation(reasons: ["la pièce « Justificatif de domicile » est « Périmé »"]
            )
        ) {
            try RequestValidation.check(
                data: .validated, documents: [attached], required: [], season: nil, today: today)
        }
        let season = Season(
            teleserviceID: 1, name: "2027-2028", registrationOpens: CivilDate(2027, 3, 1),
            registrationCloses: CivilDate(2027, 5, 31), validationFrom: CivilDate(2027, 6, 15),
            start: CivilDate(2027, 9, 1), end: CivilDate(2028, 7, 5))
        #expect(throws: RequestError.seasonValidationNotOpen(from: CivilDate(2027, 6, 15))) {
            try RequestValidation.check(data: .validated, documents: [], required: [], season: season, today: today)
        }
    }
}
