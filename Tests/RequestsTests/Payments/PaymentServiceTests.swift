import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// Online payment's storage and rules on SQLite (and PostgreSQL when the suite's environment names one):
/// settings by managers only, the payment opened at filing, the provider's notifications through the state
/// machine (applied, repeated, refused), a new attempt after a failure, the history, the agents' scope.
extension DatabaseTests {
    struct PaymentServiceTests {
        struct Setup {
            let f: RequestFixture
            let provider: TestPaymentProvider
            let payments: PaymentService
            let request: CitizenRequest
            let payment: Payment
        }

        /// The fixture's school registration priced by school, and a new request for « gare » (15 €).
        static func setUp(_ database: Database) async throws -> Setup {
            let f = try await RequestFixture.make(database)
            let provider = TestPaymentProvider(origin: "http://127.0.0.1:8470")
            var payments = PaymentService(database: database, provider: provider, origin: "http://127.0.0.1:8470")
            payments.now = { f.clock.now }
            let teleserviceID = try #require(f.teleservice.id)
            _ = try await payments.save(
                TeleservicePayment(
                    teleserviceID: teleserviceID, enabled: true, regie: "Régie scolaire", priceField: "ecole",
                    prices: try TeleservicePayment.prices("parc ; 12,50\ngare ; 15")),
                by: f.manager)
            let request = try await f.service.file(
                .init(
                    teleserviceID: teleserviceID, householdID: f.household.id, subjectID: f.household.members[1].id,
                    seasonID: f.season.id, data: ["ecole": ["gare"]], documentIDs: [], note: ""))
            let payment = try #require(try await payments.open(for: request))
            return Setup(f: f, provider: provider, payments: payments, request: request, payment: payment)
        }

        @Test(arguments: StorageBackend.available)
        func onlyManagersSetThePaymentAndItIsKept(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let s = try await Self.setUp(database)
                let id = try #require(s.f.teleservice.id)
                await #expect(throws: DomainError.self) {
                    try await s.payments.save(TeleservicePayment(teleserviceID: id, enabled: false), by: s.f.instructor)
                }
                await #expect(throws: DomainError.notFound(what: "Téléservice")) {
                    try await s.payments.settings(of: id, for: s.f.outsider)
                }
                await #expect(throws: DomainError.self) {
                    try await s.payments.save(
                        TeleservicePayment(
                            teleserviceID: id, enabled: true, priceField: "inconnu",
                            prices: [.init(key: "a", amount: 500)]),
                        by: s.f.manager)
                }
                let (_, settings) = try await s.payments.settings(of: id, for: s.f.manager)
                #expect(settings.enabled && settings.regie == "Régie scolaire" && settings.priceField == "ecole")
                #expect(settings.prices == [.init(key: "parc", amount: 1250), .init(key: "gare", amount: 1500)])
                let journal = try await database.session { sql in
                    try await JournalRepository(sql: sql).entries(subject: JournalSubject(kind: "teleservice", id: id))
                }
                #expect(journal.contains { $0.event.action == .teleservicePaymentChanged })
            }
        }

        @Test(arguments: StorageBackend.available)
        func aPaymentIsPaidOnceAndARepeatChangesNothing(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let s = try await Self.setUp(database)
                #expect(s.payment.amount == 1500 && s.payment.state == .created && s.payment.regie == "Régie scolaire")
                #expect(s.payment.email == "legrand@example.invalid")
                #expect(s.payment.reference.hasPrefix(s.request.number.filter(\.isNumber)))
                let url = try await s.payments.start(reference: s.payment.reference)
                #expect(url.absoluteString.hasSuffix("/paiement-de-test/\(s.payment.reference)"))
                let fields = s.provider.fields(
                    reference: s.payment.reference, amount: 1500, result: "P", at: s.f.clock.now)
                guard
                    case .applied(let paid) = try await s.payments.receive(
                        provider: "test", fields: fields, channel: .notification)
                else {
                    Issue.record("the notification was not applied")
                    return
                }
                #expect(paid.state == .paid && paid.transactionNumber == fields["numauto"])
                // The browser's return brings the same fields: recorded, nothing changes.
                guard
                    case .duplicate(let again) = try await s.payments.receive(
                        provider: "test", fields: fields, channel: .return)
                else {
                    Issue.record("the repeated notification was not taken as a repeat")
                    return
                }
                #expect(again.state == .paid)
                await #expect(throws: DomainError.conflict(reason: "Cette demande est déjà payée.")) {
                    try await s.payments.start(reference: s.payment.reference)
                }
                let history = try await s.payments.payments(ofRequest: s.request.id ?? 0)
                #expect(history.count == 1)
                #expect(history[0].1.map(\.kind) == [.created, .sent, .notification, .return])
                #expect(history[0].1.map(\.state) == [.created, .pending, .paid, .paid])
                let requestHistory = try await s.f.service.detail(s.request.id ?? 0, for: s.f.instructor).history
                #expect(requestHistory.contains { $0.action == JournalAction.paymentPaid.rawValue })
            }
        }

        @Test(arguments: StorageBackend.available)
        func forgedUnknownOrWrongNotificationsAreRefusedAndKept(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let s = try await Self.setUp(database)
                _ = try await s.payments.start(reference: s.payment.reference)
                // A wrong amount, signed: refused, kept in the payment's history.
                let wrong = s.provider.fields(
                    reference: s.payment.reference, amount: 100, result: "P", at: s.f.clock.now)
                guard
                    case .refused(let reason, _) = try await s.payments.receive(
                        provider: "test", fields: wrong, channel: .notification)
                else {
                    Issue.record("a wrong amount was accepted")
                    return
                }
                #expect(reason.contains("montant"))
                // A forged one (its signature does not match its fields).
                var forged = s.provider.fields(
                    reference: s.payment.reference, amount: 1500, result: "P", at: s.f.clock.now)
                forged["numauto"] = "999"
                guard case .refused = try await s.payments.receive(provider: "test", fields: forged, channel: .return)
                else {
                    Issue.record("a forged return was accepted")
                    return
                }
                // An unknown order, and another provider's name.
                let unknown = s.provider.fields(reference: "2027999999ZZZZZZZZZZ", amount: 1500, result: "P", at: 0)
                guard
                    case .refused(let unknownReason, _) = try await s.payments.receive(
                        provider: "test", fields: unknown, channel: .notification)
                else {
                    Issue.record("an unknown order was accepted")
                    return
                }
                #expect(unknownReason == "commande inconnue")
                guard
                    case .refused = try await s.payments.receive(
                        provider: "payfip", fields: ["refdet": s.payment.reference], channel: .notification)
                else {
                    Issue.record("a provider that is not configured was believed")
                    return
                }
                let (payment, events) = try #require(try await s.payments.payments(ofRequest: s.request.id ?? 0).first)
                #expect(payment.state == .pending)
                #expect(events.contains { !$0.accepted && $0.detail.contains("montant") })
                let (unmatched, matched) = try await database.session { sql in
                    let journal = JournalRepository(sql: sql)
                    return (
                        try await journal.entries(subject: JournalSubject(kind: "payment", id: 0)),
                        try await journal.entries(subject: JournalSubject(kind: "payment", id: payment.id ?? 0))
                    )
                }
                #expect(unmatched.filter { $0.event.action == .paymentNotificationRefused }.count == 3)
                #expect(matched.contains { $0.event.action == .paymentNotificationRefused })
            }
        }

        @Test(arguments: StorageBackend.available)
        func aRefusedPaymentLetsTheCitizenTryAgain(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let s = try await Self.setUp(database)
                _ = try await s.payments.start(reference: s.payment.reference)
                let refused = s.provider.fields(
                    reference: s.payment.reference, amount: 1500, result: "R", at: s.f.clock.now)
                guard
                    case .applied(let failed) = try await s.payments.receive(
                        provider: "test", fields: refused, channel: .notification)
                else {
                    Issue.record("the refusal was not applied")
                    return
                }
                #expect(failed.state == .refused)
                let retry = try await s.payments.start(reference: s.payment.reference)
                let attempts = try await s.payments.payments(ofRequest: s.request.id ?? 0)
                #expect(attempts.map(\.0.state) == [.pending, .refused])
                let second = attempts[0].0
                #expect(second.reference != s.payment.reference && second.amount == 1500)
                #expect(retry.absoluteString.hasSuffix(second.reference))
                #expect(try await s.payments.payment(reference: s.payment.reference).later?.id == second.id)
                // Expired after the delay without an answer.
                s.f.clock.advance(s.payments.expiry + 1)
                #expect(try await s.payments.expireStale() == 1)
                #expect(try await s.payments.payment(reference: second.reference).payment.state == .expired)
            }
        }

        @Test(arguments: StorageBackend.available)
        func agentsSearchTheirCategoriesPayments(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let s = try await Self.setUp(database)
                let all = try await s.payments.search(PaymentSearch(), for: s.f.reader)
                #expect(all.map(\.reference) == [s.payment.reference])
                #expect(try await s.payments.search(PaymentSearch(state: .paid), for: s.f.reader).isEmpty)
                #expect(
                    try await s.payments.search(PaymentSearch(reference: s.request.number), for: s.f.reader).count == 1)
                #expect(
                    try await s.payments.search(
                        PaymentSearch(reference: s.payment.reference.lowercased()), for: s.f.reader
                    )
                    .count == 1)
                #expect(
                    try await s.payments.search(
                        PaymentSearch(from: CivilDate(2027, 4, 7), to: CivilDate(2027, 4, 30)), for: s.f.reader
                    ).isEmpty)
                #expect(
                    try await s.payments.search(
                        PaymentSearch(from: CivilDate(2027, 4, 6), to: CivilDate(2027, 4, 6)), for: s.f.reader
                    ).count == 1)
                #expect(
                    try await s.payments.search(PaymentSearch(regie: "Régie scolaire"), for: s.f.reader).count == 1)
                #expect(try await s.payments.search(PaymentSearch(regie: "Autre régie"), for: s.f.reader).isEmpty)
                // The other category's agent sees none of them.
                #expect(try await s.payments.search(PaymentSearch(), for: s.f.outsider).isEmpty)
            }
        }
    }
}
