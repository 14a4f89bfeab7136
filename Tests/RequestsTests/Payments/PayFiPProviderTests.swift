import Foundation
import Testing

@testable import Requests

/// PayFiP's URL protocol: the redirect's parameters and rules, the notification's fields; and the test
/// provider's signature.
struct PayFiPProviderTests {
    let provider = PayFiPProvider(settings: PayFiPSettings(client: "123456", mode: .test))

    func order(
        amount: Int64 = 2500, email: String? = "anne.legrand@example.fr", reference: String = "2027000042ABCDEF2345"
    )
        -> PaymentOrder
    {
        PaymentOrder(
            reference: reference, amount: amount, email: email,
            object: "Demande 2027-000042 Inscription à l'accueil périscolaire", year: 2027,
            callbackURL: "https://demarches.example.fr/demarches/paiements/retour/payfip")
    }

    @Test func theRedirectCarriesPayFiPsParameters() throws {
        let url = try provider.redirect(for: order())
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        #expect(components.host == "www.payfip.gouv.fr" && components.path == "/tpa/paiement.web")
        let items = Dictionary(
            uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(
            items == [
                "numcli": "123456", "exer": "2027", "refdet": "2027000042ABCDEF2345",
                "objet": "Demande 2027 000042 Inscription a l accueil periscolaire", "montant": "2500",
                "mel": "anne.legrand@example.fr",
                "urlcl": "https://demarches.example.fr/demarches/paiements/retour/payfip", "saisie": "T",
            ])
        #expect(url.absoluteString.contains("mel=anne.legrand%40example.fr"))
    }

    @Test func theModeIsPayFiPsSaisie() throws {
        let production = PayFiPProvider(settings: PayFiPSettings(client: "123456", mode: .production))
        #expect(try production.redirect(for: order()).absoluteString.hasSuffix("saisie=W"))
        #expect(
            PayFiPSettings.Mode(option: "activation") == .activation && PayFiPSettings.Mode.activation.rawValue == "X")
    }

    @Test func anOrderBreakingPayFiPsRulesIsRefused() {
        #expect(throws: PaymentProviderError.self) { try provider.redirect(for: order(amount: 99)) }
        #expect(throws: PaymentProviderError.self) { try provider.redirect(for: order(amount: 10_000_001)) }
        #expect(throws: PaymentProviderError.self) { try provider.redirect(for: order(email: nil)) }
        #expect(throws: PaymentProviderError.self) { try provider.redirect(for: order(reference: "2027-42")) }
        #expect(throws: PaymentProviderError.self) { try provider.redirect(for: order(reference: "ABC12")) }
        let unconfigured = PayFiPProvider(settings: PayFiPSettings(client: "12AB56"))
        #expect(throws: PaymentProviderError.self) { try unconfigured.redirect(for: order()) }
        #expect(PayFiPProvider.isValidReference(String(repeating: "A", count: 30)))
        #expect(!PayFiPProvider.isValidReference(String(repeating: "A", count: 31)))
        #expect(PayFiPProvider.object(String(repeating: "é", count: 150)).count == 100)
    }

    func notification(_ changes: [String: String?] = [:]) -> [String: String] {
        var fields = [
            "numcli": "123456", "exer": "2027", "refdet": "2027000042ABCDEF2345", "objet": "Demande",
            "montant": "2500", "mel": "anne.legrand@example.fr", "saisie": "T", "resultrans": "P",
            "numauto": "123456789", "dattrans": "06042027", "heurtrans": "1012",
        ]
        for (name, value) in changes { fields[name] = value }
        return fields
    }

    @Test func theNotificationIsRead() throws {
        let paid = try provider.notification(from: notification())
        #expect(paid.reference == "2027000042ABCDEF2345" && paid.amount == 2500 && paid.outcome == .paid)
        #expect(paid.transactionNumber == "123456789" && paid.transactionTime == "06042027 1012")
        #expect(paid.summary.contains("resultrans=P"))
        #expect(try provider.notification(from: notification(["resultrans": "V"])).outcome == .paid)
        #expect(try provider.notification(from: notification(["resultrans": "R", "numauto": nil])).outcome == .refused)
        #expect(try provider.notification(from: notification(["resultrans": "Z"])).outcome == .refused)
        #expect(try provider.notification(from: notification(["resultrans": "A"])).outcome == .cancelled)
    }

    @Test func aNotificationNotOursIsRefused() {
        for changes: [String: String?] in [
            ["numcli": "654321"], ["numcli": nil], ["saisie": "W"], ["resultrans": "Q"], ["resultrans": nil],
            ["montant": "12,50"], ["montant": nil], ["refdet": nil], ["refdet": "x"],
        ] {
            #expect(throws: PaymentProviderError.self, "\(changes)") {
                try provider.notification(from: notification(changes))
            }
        }
    }

    @Test func theTestProviderSignsItsFields() throws {
        let test = TestPaymentProvider(origin: "http://127.0.0.1:8470")
        let fields = test.fields(reference: "2027000042ABCDEF2345", amount: 2500, result: "P", at: 1_806_998_400)
        #expect(fields["dattrans"] == "06042027" && fields["heurtrans"] == "1000")
        let read = try test.notification(from: fields)
        #expect(read.outcome == .paid && read.amount == 2500 && read.transactionNumber != nil)
        #expect(read.fields["signature"] == nil)
        var forged = fields
        forged["montant"] = "100"
        #expect(throws: PaymentProviderError.self) { try test.notification(from: forged) }
        var unsigned = fields
        unsigned["signature"] = nil
        #expect(throws: PaymentProviderError.self) { try test.notification(from: unsigned) }
        let other = TestPaymentProvider(origin: "http://127.0.0.1:8470")
        #expect(throws: PaymentProviderError.self) { try other.notification(from: fields) }
        #expect(
            try test.redirect(for: order()).absoluteString
                == "http://127.0.0.1:8470/paiement-de-test/2027000042ABCDEF2345")
    }
}
