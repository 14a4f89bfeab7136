import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// PayFiP's callback over HTTP (`serve --payment-provider payfip`): its POST notification is applied once
/// (200, a repeat 200 too), one that is not ours is refused (400), and the citizen's GET return only leads to
/// the payment's page, whatever it says.
extension DatabaseTests {
    struct PayFiPCallbackTests {
        @Test(arguments: StorageBackend.available)
        func theNotificationIsBelievedOnlyByPostWithOurFields(backend: StorageBackend) async throws {
            let settings = PayFiPSettings(client: "123456", mode: .test)
            try await PlatformHarness.run(backend) { configuration in
                configuration.payments = PaymentConfiguration(kind: .payfip, payfip: settings)
            } _: { harness, client in
                let payment = try await harness.withDatabase { database in
                    let f = try await RequestFixture.make(database)
                    var payments = PaymentService(
                        database: database, provider: PayFiPProvider(settings: settings), origin: "http://localhost")
                    payments.now = { f.clock.now }
                    let id = try #require(f.teleservice.id)
                    _ = try await payments.save(
                        TeleservicePayment(teleserviceID: id, enabled: true, amount: 2500), by: f.manager)
                    let request = try await f.service.file(
                        .init(
                            teleserviceID: id, householdID: f.household.id, subjectID: f.household.members[1].id,
                            seasonID: f.season.id, data: ["ecole": ["parc"]], documentIDs: [], note: ""))
                    let payment = try #require(try await payments.open(for: request))
                    let url = try await payments.start(reference: payment.reference)
                    #expect(url.absoluteString.hasPrefix(PayFiPSettings.defaultURL + "?numcli=123456"))
                    return payment
                }
                func fields(_ result: String, amount: String = "2500", client number: String = "123456") -> String {
                    "numcli=\(number)&exer=2027&refdet=\(payment.reference)&objet=Demande&montant=\(amount)"
                        + "&mel=legrand%40example.invalid&saisie=T&resultrans=\(result)&numauto=42&dattrans=06042027&heurtrans=1012"
                }
                func post(_ body: String) async throws -> HTTPResponse.Status {
                    try await client.execute(
                        uri: "/demarches/paiements/retour/payfip", method: .post,
                        headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
                    ).status
                }
                func state() async throws -> PaymentState? {
                    try await harness.withDatabase { database in
                        try await database.session { sql in
                            try await PaymentRepository(sql: sql).find(reference: payment.reference)?.state
                        }
                    }
                }
                // The browser's return, even saying « paid », changes nothing: it leads to the page.
                let back = try await client.execute(
                    uri: "/demarches/paiements/retour/payfip?\(fields("P"))", method: .get)
                #expect(
                    back.status == .seeOther && back.headers[.location] == "/demarches/paiements/\(payment.reference)")
                #expect(try await state() == .pending)
                // Another régie's client number, a wrong amount: refused.
                #expect(try await post(fields("P", client: "654321")) == .badRequest)
                #expect(try await post(fields("P", amount: "100")) == .badRequest)
                #expect(try await state() == .pending)
                // PayFiP's own notification: applied, and its repeat answered 200 without change.
                #expect(try await post(fields("P")) == .ok)
                #expect(try await state() == .paid)
                #expect(try await post(fields("P")) == .ok)
                #expect(try await post(fields("R")) == .badRequest)
                #expect(try await state() == .paid)
                let page = try await client.execute(uri: "/demarches/paiements/\(payment.reference)", method: .get)
                let html = String(buffer: page.body)
                #expect(page.status == .ok && html.contains("Votre paiement est validé") && html.contains("25,00"))
                #expect(
                    try await client.execute(uri: "/paiement-de-test/\(payment.reference)", method: .get).status
                        == .notFound)
            }
        }
    }
}
