import Testing

@testable import Requests

/// The payment's state machine (issue 20, item 9): its transition table and what a notification does.
struct PaymentStateTests {
    @Test func theTableAllowsOnlyTheLifecycle() {
        #expect(PaymentState.created.canMove(to: .pending))
        #expect(PaymentState.pending.canMove(to: .paid))
        #expect(PaymentState.pending.canMove(to: .refused))
        #expect(PaymentState.pending.canMove(to: .cancelled))
        #expect(PaymentState.pending.canMove(to: .expired))
        #expect(!PaymentState.created.canMove(to: .paid))
        for final in [PaymentState.paid, .refused, .cancelled, .expired] {
            #expect(final.isFinal)
            #expect(PaymentState.allCases.allSatisfy { !final.canMove(to: $0) })
        }
        #expect(PaymentState.refused.allowsRetry && PaymentState.cancelled.allowsRetry)
        #expect(PaymentState.expired.allowsRetry && !PaymentState.paid.allowsRetry)
        #expect(
            PaymentState.allCases.map(\.label) == ["Initialisé", "En cours", "Validé", "Refusé", "Annulé", "Expiré"])
    }

    @Test func aNotificationMovesAPendingPayment() {
        #expect(PaymentDecision.decide(state: .pending, expected: 1250, outcome: .paid, amount: 1250) == .apply(.paid))
        #expect(
            PaymentDecision.decide(state: .pending, expected: 1250, outcome: .refused, amount: 1250) == .apply(.refused)
        )
        #expect(
            PaymentDecision.decide(state: .pending, expected: 1250, outcome: .cancelled, amount: 1250)
                == .apply(.cancelled))
    }

    @Test func aRepeatedNotificationChangesNothing() {
        #expect(PaymentDecision.decide(state: .paid, expected: 1250, outcome: .paid, amount: 1250) == .duplicate)
        #expect(PaymentDecision.decide(state: .refused, expected: 1250, outcome: .refused, amount: 1250) == .duplicate)
    }

    @Test func aWrongAmountOrAnImpossibleMoveIsRefused() {
        guard
            case .reject(let reason) = PaymentDecision.decide(
                state: .pending, expected: 1250, outcome: .paid, amount: 100)
        else {
            Issue.record("a wrong amount was accepted")
            return
        }
        #expect(reason.contains("100") && reason.contains("1250"))
        // A paid payment is not refused afterwards, a refused one not paid: the citizen pays a new attempt.
        #expect(
            PaymentDecision.decide(state: .paid, expected: 1250, outcome: .refused, amount: 1250) != .apply(.refused))
        #expect(PaymentDecision.decide(state: .refused, expected: 1250, outcome: .paid, amount: 1250) != .apply(.paid))
        // A payment never sent to the provider takes no outcome.
        #expect(PaymentDecision.decide(state: .created, expected: 1250, outcome: .paid, amount: 1250) != .apply(.paid))
    }

    @Test func amountsAreReadAndWrittenInFrench() {
        #expect(PaymentAmount.text(1250) == "12,50\u{00A0}€")
        #expect(PaymentAmount.text(100_000_05) == "100\u{202F}000,05\u{00A0}€")
        #expect(PaymentAmount.cents("12,5") == 1250)
        #expect(PaymentAmount.cents("12.50 €") == 1250)
        #expect(PaymentAmount.cents("25") == 2500)
        #expect(PaymentAmount.cents("-3") == nil)
        #expect(PaymentAmount.cents("1,234") == nil)
        #expect(PaymentAmount.cents("abc") == nil)
    }

    @Test func aPriceListGivesTheAmountOfTheChosenValue() throws {
        let prices = try TeleservicePayment.prices("parc ; 12,50\n\ngare;15")
        let settings = TeleservicePayment(teleserviceID: 1, enabled: true, priceField: "ecole", prices: prices)
        #expect(settings.amountDue(for: ["ecole": ["gare"]]) == 1500)
        #expect(settings.amountDue(for: ["ecole": ["autre"]]) == nil)
        #expect(TeleservicePayment(teleserviceID: 1, enabled: false, amount: 900).amountDue(for: [:]) == nil)
        #expect(TeleservicePayment(teleserviceID: 1, enabled: true, amount: 900).amountDue(for: [:]) == 900)
        #expect(throws: (any Error).self) { try TeleservicePayment.prices("parc 12") }
        #expect(throws: (any Error).self) { try TeleservicePayment.prices("parc ; 1\nparc ; 2") }
        #expect(throws: (any Error).self) {
            try TeleservicePayment(teleserviceID: 1, enabled: true, amount: 50).validated()
        }
        #expect(throws: (any Error).self) { try TeleservicePayment(teleserviceID: 1, enabled: true).validated() }
    }
}
