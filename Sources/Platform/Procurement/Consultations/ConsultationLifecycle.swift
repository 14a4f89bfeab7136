import PlatformKernel

/// Who may move a consultation from one state to the next, and when.
///
/// Every action needs ``ConsultationActor/hasAccess``; then the consultation must be in the transition's
/// starting state; then:
/// - submit: the deadline is still ahead;
/// - return to elaboration: nothing more (the validator refuses, or the author takes it back);
/// - validate: the validation right, and the deadline still ahead;
/// - open: the opening right, and `now >= deadline`. Deposits are accepted while `now < deadline`
///   (``Consultation/acceptsDeposits(at:)``), so the deadline second itself belongs to opening, never to both;
/// - decide: the decision right, and one decision per lot still undecided (`decidedLots` are those whose decision
///   stayed in force after a reset of another lot); one decision without lot when the consultation is not divided;
/// - reset the decision: the decision right; a lot number only for a divided consultation, and one of its lots.
package enum ConsultationLifecycle {
    /// Returns normally when `actor` may apply `transition` to `consultation` at `now`; throws why not otherwise.
    package static func check(
        _ transition: ConsultationTransition, on consultation: Consultation, by actor: ConsultationActor,
        at now: Int64, decidedLots: Set<Int> = []
    ) throws(ConsultationError) {
        guard actor.hasAccess else { throw .noAccess }
        guard consultation.state == transition.from else {
            throw .wrongState(action: transition.label, current: consultation.state, expected: transition.from)
        }
        switch transition {
        case .submit:
            guard now < consultation.deadline else { throw .deadlinePassed(deadline: consultation.deadline) }
        case .returnToElaboration:
            break
        case .validate:
            guard actor.canValidate else {
                throw .missingRight(action: transition.label, right: "Valider les consultations")
            }
            guard now < consultation.deadline else { throw .deadlinePassed(deadline: consultation.deadline) }
        case .open:
            guard actor.canOpen else { throw .missingRight(action: transition.label, right: "Ouvrir les plis") }
            guard now >= consultation.deadline else { throw .deadlineNotReached(deadline: consultation.deadline) }
        case .decide(let decisions):
            guard actor.canDecide else { throw .missingRight(action: transition.label, right: "Décider") }
            try checkCoverage(of: decisions, lots: consultation.lots, decidedLots: decidedLots)
        case .resetDecision(let lot):
            guard actor.canDecide else { throw .missingRight(action: transition.label, right: "Décider") }
            if let lot, !consultation.lots.contains(where: { $0.number == lot }) {
                throw .incompleteDecision(
                    reason: consultation.lots.isEmpty
                        ? "la consultation n'est pas allotie : réinitialisez sa décision sans préciser de lot."
                        : "la consultation n'a pas de lot \(lot).")
            }
        }
    }

    /// Returns normally when `actor` may change the fields of `consultation`: only in elaboration.
    package static func checkEdit(of consultation: Consultation, by actor: ConsultationActor) throws(ConsultationError)
    {
        guard actor.hasAccess else { throw .noAccess }
        guard consultation.state == .elaboration else { throw .notEditable(state: consultation.state) }
    }

    /// Returns normally when `actor` may create a suite ("Créer une suite") of `consultation`: only once
    /// it has reached "Décision".
    package static func checkSuite(of consultation: Consultation, by actor: ConsultationActor) throws(ConsultationError)
    {
        guard actor.hasAccess else { throw .noAccess }
        guard consultation.state == .decision else {
            throw .wrongState(action: "créer une suite", current: consultation.state, expected: .decision)
        }
    }

    private static func checkCoverage(
        of decisions: [ConsultationDecision], lots: [ConsultationLot], decidedLots: Set<Int>
    ) throws(ConsultationError) {
        if lots.isEmpty {
            guard decisions.count == 1, decisions[0].lotNumber == nil else {
                throw .incompleteDecision(reason: "la consultation n'est pas allotie : saisissez une seule décision.")
            }
            return
        }
        let expected = Set(lots.map(\.number)).subtracting(decidedLots)
        let given = decisions.compactMap(\.lotNumber)
        guard given.count == decisions.count, Set(given).count == given.count else {
            throw .incompleteDecision(reason: "saisissez une seule décision par lot.")
        }
        let alreadyDecided = decidedLots.intersection(given).sorted()
        guard alreadyDecided.isEmpty else {
            throw .incompleteDecision(
                reason:
                    "le(s) lot(s) \(alreadyDecided.map { String($0) }.joined(separator: ", ")) ont déjà une décision : réinitialisez-la d'abord."
            )
        }
        let missing = expected.subtracting(given).sorted()
        guard missing.isEmpty else {
            throw .incompleteDecision(
                reason: "aucune décision pour le(s) lot(s) \(missing.map { String($0) }.joined(separator: ", ")).")
        }
        let unknown = Set(given).subtracting(expected).sorted()
        guard unknown.isEmpty else {
            throw .incompleteDecision(
                reason: "la consultation n'a pas de lot \(unknown.map { String($0) }.joined(separator: ", ")).")
        }
    }
}
