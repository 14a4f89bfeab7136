import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Who may move a consultation, from which state, and when (deadline at second 2 000 in the sample).
struct ConsultationLifecycleTests {
    static let transitions: [ConsultationTransition] = [
        .submit, .returnToElaboration, .validate, .open, .decide([.init(kind: .award)]), .resetDecision(lot: nil),
    ]

    /// A time at which the transition's clock rule holds: before the deadline, except opening.
    private static func allowedTime(for transition: ConsultationTransition) -> Int64 {
        transition == .open ? 2_000 : 1_500
    }

    private func consultation(in state: ConsultationState) throws -> Consultation {
        var consultation = try Consultation.sample()
        consultation.state = state
        return consultation
    }

    private func check(
        _ transition: ConsultationTransition, from state: ConsultationState, by actor: ConsultationActor = .everything,
        at now: Int64? = nil
    ) throws -> ConsultationError? {
        let consultation = try consultation(in: state)
        do {
            try ConsultationLifecycle.check(
                transition, on: consultation, by: actor, at: now ?? Self.allowedTime(for: transition))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: transitions)
    func eachTransitionLeadsFromItsStateToTheNext(transition: ConsultationTransition) throws {
        #expect(try check(transition, from: transition.from) == nil)
        let expected: [ConsultationState: ConsultationState] = [
            .elaboration: .awaitingValidation, .consultation: .openingAndAnalysis,
            .openingAndAnalysis: .decision, .decision: .openingAndAnalysis,
        ]
        if transition.from == .awaitingValidation {
            #expect(transition.to == (transition == .validate ? .consultation : .elaboration))
        } else {
            #expect(transition.to == expected[transition.from])
        }
    }

    @Test(arguments: transitions)
    func eachTransitionIsRefusedFromEveryOtherState(transition: ConsultationTransition) throws {
        for state in ConsultationState.allCases where state != transition.from {
            #expect(
                try check(transition, from: state)
                    == .wrongState(action: transition.label, current: state, expected: transition.from))
        }
    }

    @Test(arguments: transitions)
    func nothingWithoutAccessToTheConsultation(transition: ConsultationTransition) throws {
        var actor = ConsultationActor.everything
        actor.hasAccess = false
        #expect(try check(transition, from: transition.from, by: actor) == .noAccess)
    }

    @Test func theAuthorSubmitsAndTakesBackWithoutAnyRight() throws {
        #expect(try check(.submit, from: .elaboration, by: .author) == nil)
        #expect(try check(.returnToElaboration, from: .awaitingValidation, by: .author) == nil)
    }

    @Test func onlyAnEntitledAgentValidates() throws {
        #expect(
            try check(.validate, from: .awaitingValidation, by: .author)
                == .missingRight(action: "valider", right: "Valider les consultations"))
        let validator = ConsultationActor(agentID: 2, canValidate: true, hasAccess: true)
        #expect(try check(.validate, from: .awaitingValidation, by: validator) == nil)
    }

    @Test func submissionAndValidationStopAtTheDeadlineSecond() throws {
        for (transition, state) in [
            (ConsultationTransition.submit, ConsultationState.elaboration), (.validate, .awaitingValidation),
        ] {
            #expect(try check(transition, from: state, at: 1_999) == nil)
            #expect(try check(transition, from: state, at: 2_000) == .deadlinePassed(deadline: 2_000))
            #expect(try check(transition, from: state, at: 2_001) == .deadlinePassed(deadline: 2_000))
        }
    }

    @Test func openingNeedsTheRightAndStartsAtTheDeadlineSecond() throws {
        #expect(
            try check(.open, from: .consultation, by: .author)
                == .missingRight(action: "passer à l'ouverture et l'analyse", right: "Ouvrir les plis"))
        let opener = ConsultationActor(agentID: 3, canOpen: true, hasAccess: true)
        #expect(try check(.open, from: .consultation, by: opener, at: 1_999) == .deadlineNotReached(deadline: 2_000))
        #expect(try check(.open, from: .consultation, by: opener, at: 2_000) == nil)
        #expect(try check(.open, from: .consultation, by: opener, at: 9_999) == nil)
    }

    @Test func decidingAndResettingNeedTheDecisionRight() throws {
        let opener = ConsultationActor(agentID: 3, canValidate: true, canOpen: true, hasAccess: true)
        #expect(
            try check(.decide([.init(kind: .discontinued)]), from: .openingAndAnalysis, by: opener)
                == .missingRight(action: "enregistrer la décision", right: "Décider"))
        #expect(
            try check(.resetDecision(lot: nil), from: .decision, by: opener)
                == .missingRight(action: "réinitialiser la décision", right: "Décider"))
        let decider = ConsultationActor(agentID: 4, canDecide: true, hasAccess: true)
        for kind in ConsultationDecision.Kind.allCases {
            #expect(try check(.decide([.init(kind: kind)]), from: .openingAndAnalysis, by: decider) == nil)
        }
        #expect(try check(.resetDecision(lot: nil), from: .decision, by: decider) == nil)
        #expect(try check(.resetDecision(lot: 1), from: .decision, by: decider).map(Self.isIncomplete) == true)
    }

    @Test func anUndividedConsultationTakesExactlyOneDecisionWithoutLot() throws {
        for decisions in [
            [], [ConsultationDecision(lotNumber: 1, kind: .award)], [.init(kind: .award), .init(kind: .other)],
        ] {
            #expect(try check(.decide(decisions), from: .openingAndAnalysis).map(Self.isIncomplete) == true)
        }
    }

    @Test func aDividedConsultationTakesOneDecisionPerLot() throws {
        var consultation = try consultation(in: .openingAndAnalysis)
        consultation.lots = [.init(number: 1, title: "Couverture"), .init(number: 2, title: "Étanchéité")]
        func result(_ decisions: [ConsultationDecision]) -> ConsultationError? {
            do {
                try ConsultationLifecycle.check(.decide(decisions), on: consultation, by: .everything, at: 3_000)
                return nil
            } catch {
                return error
            }
        }
        #expect(result([.init(lotNumber: 1, kind: .award), .init(lotNumber: 2, kind: .unsuccessful)]) == nil)
        let refused: [[ConsultationDecision]] = [
            [.init(lotNumber: 1, kind: .award)],
            [.init(lotNumber: 1, kind: .award), .init(lotNumber: 1, kind: .other), .init(lotNumber: 2, kind: .award)],
            [.init(lotNumber: 1, kind: .award), .init(lotNumber: 2, kind: .award), .init(lotNumber: 3, kind: .award)],
            [.init(lotNumber: 1, kind: .award), .init(kind: .award)],
            [.init(kind: .discontinued)],
        ]
        for decisions in refused {
            #expect(result(decisions).map(Self.isIncomplete) == true, "\(decisions)")
        }
    }

    @Test func oneLotsDecisionIsResetAndTakenAgainAlone() throws {
        var consultation = try consultation(in: .decision)
        consultation.lots = [.init(number: 1, title: "Couverture"), .init(number: 2, title: "Étanchéité")]
        func result(_ transition: ConsultationTransition, decided: Set<Int>) -> ConsultationError? {
            do {
                try ConsultationLifecycle.check(
                    transition, on: consultation, by: .everything, at: 3_000, decidedLots: decided)
                return nil
            } catch {
                return error
            }
        }
        #expect(result(.resetDecision(lot: 2), decided: [1, 2]) == nil)
        #expect(result(.resetDecision(lot: nil), decided: [1, 2]) == nil)
        #expect(result(.resetDecision(lot: 3), decided: [1, 2]).map(Self.isIncomplete) == true)
        consultation.state = .openingAndAnalysis
        #expect(result(.decide([.init(lotNumber: 2, kind: .award)]), decided: [1]) == nil)
        #expect(
            result(.decide([.init(lotNumber: 1, kind: .award), .init(lotNumber: 2, kind: .award)]), decided: [1])
                .map(Self.isIncomplete) == true)
        #expect(result(.decide([.init(lotNumber: 1, kind: .other)]), decided: [1]).map(Self.isIncomplete) == true)
    }

    @Test func onlyAConsultationInElaborationIsEdited() throws {
        for state in ConsultationState.allCases {
            let consultation = try consultation(in: state)
            if state == .elaboration {
                try ConsultationLifecycle.checkEdit(of: consultation, by: .author)
                #expect(throws: ConsultationError.noAccess) {
                    try ConsultationLifecycle.checkEdit(of: consultation, by: ConsultationActor(agentID: 5))
                }
            } else {
                #expect(throws: ConsultationError.notEditable(state: state)) {
                    try ConsultationLifecycle.checkEdit(of: consultation, by: .everything)
                }
            }
        }
    }

    @Test func aSuiteStartsOnlyFromADecision() throws {
        for state in ConsultationState.allCases {
            let upstream = try consultation(in: state)
            if state == .decision {
                try ConsultationLifecycle.checkSuite(of: upstream, by: .author)
            } else {
                #expect(
                    throws: ConsultationError.wrongState(action: "créer une suite", current: state, expected: .decision)
                ) { try ConsultationLifecycle.checkSuite(of: upstream, by: .author) }
            }
        }
        #expect(throws: ConsultationError.noAccess) {
            try ConsultationLifecycle.checkSuite(of: try consultation(in: .decision), by: ConsultationActor(agentID: 5))
        }
    }

    @Test func aSuiteCopiesTheConsultationUnderANewReference() throws {
        var upstream = try consultation(in: .decision)
        upstream.id = 41
        upstream.invitations = [.init(agentID: 8), .init(agentID: 9, permanent: true)]
        let suite = upstream.suite(reference: try ConsultationReference("AOO_2026_001_O"), createdBy: 7)
        #expect(suite.id == nil)
        #expect(suite.previousConsultationID == 41)
        #expect(suite.state == .elaboration)
        #expect(suite.createdBy == 7)
        #expect(suite.reference.value == "AOO_2026_001_O")
        #expect(suite.title == upstream.title)
        #expect(suite.cpv == upstream.cpv)
        #expect(suite.invitations == [.init(agentID: 9, permanent: true)])
    }

    @Test func theConsultationIsOnlineFromTheOnlineDateToTheDeadline() throws {
        var consultation = try consultation(in: .consultation)
        #expect(!consultation.isOnline(at: 999))
        #expect(consultation.isOnline(at: 1_000))
        #expect(consultation.isOnline(at: 1_999))
        #expect(!consultation.isOnline(at: 2_000))
        consultation.modalities.displayedAfterDeadline = true
        #expect(consultation.isOnline(at: 2_000))
        for state in ConsultationState.allCases where state != .consultation {
            consultation.state = state
            #expect(!consultation.isOnline(at: 1_500), "\(state)")
        }
    }

    @Test func depositsAreAcceptedStrictlyBeforeTheDeadlineSecond() throws {
        var consultation = try consultation(in: .consultation)
        consultation.modalities.displayedAfterDeadline = true
        #expect(!consultation.acceptsDeposits(at: 999))
        #expect(consultation.acceptsDeposits(at: 1_000))
        #expect(consultation.acceptsDeposits(at: 1_999))
        #expect(!consultation.acceptsDeposits(at: 2_000))
        consultation.modalities.electronicResponse = .refused
        consultation.modalities.encryption = false
        #expect(!consultation.acceptsDeposits(at: 1_500))
        consultation.modalities.electronicResponse = .required
        consultation.state = .awaitingValidation
        #expect(!consultation.acceptsDeposits(at: 1_500))
    }

    @Test func statesAndRefusalsSpeakFrench() {
        #expect(
            ConsultationState.allCases.map(\.label) == [
                "Elaboration", "En attente de validation", "Consultation", "Ouverture et Analyse", "Décision",
            ])
        #expect(
            ConsultationError.deadlineNotReached(deadline: 1_700_000_000).description
                == "L'ouverture n'est possible qu'à partir de la date limite de remise des plis (14/11/2023 23:13:20 (heure de Paris))."
        )
    }

    private static func isIncomplete(_ error: ConsultationError) -> Bool {
        if case .incompleteDecision = error { return true }
        return false
    }
}
