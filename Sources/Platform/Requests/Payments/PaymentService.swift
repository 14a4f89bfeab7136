import Foundation
import Logging
import PlatformKernel
import SQLKit

/// Online payment of the requests: each teleservice's settings (managers), the payment opened when a
/// request of a paying teleservice is filed, the citizen sent to the provider, the provider's notifications
/// through the state machine (``PaymentDecision``), and the agents' search. One transaction per use case;
/// every change in the payment's history and the journal, every refused notification in the log too.
package struct PaymentService: Sendable {
    package let database: Database
    /// The configured provider; `nil`: no online payment on this platform.
    package var provider: (any PaymentProvider)?
    /// The platform's public address, for the provider's callback.
    package var origin: String
    /// The networks PayFiP's notifications may come from; empty: any.
    package var notificationSources: [NetworkRange] = []
    /// How long a payment sent to the provider waits for its answer before it expires (PayFiP's operations
    /// last 15 minutes; 30 leaves room).
    package var expiry: Int64 = 30 * 60
    package var now: @Sendable () -> Int64 = { Timestamp.now() }
    package var logger = Logger(label: "sceau.payments")

    package init(database: Database, provider: (any PaymentProvider)?, origin: String) {
        self.database = database
        self.provider = provider
        self.origin = origin
    }

    /// Where the provider sends its notification and the citizen back.
    package func callbackURL(_ provider: any PaymentProvider) -> String {
        "\(origin)/demarches/paiements/retour/\(provider.name)"
    }

    // MARK: - Settings (managers of the teleservice's category)

    package func settings(of teleserviceID: Int64, for agentID: Int64) async throws -> (Teleservice, TeleservicePayment)
    {
        try await database.session { sql in
            let teleservice = try await RequestCatalogService.requireTeleservice(
                teleserviceID, .manage, agentID: agentID, sql: sql)
            return (teleservice, try await PaymentRepository(sql: sql).settings(of: teleserviceID))
        }
    }

    package func save(_ settings: TeleservicePayment, by agentID: Int64) async throws -> TeleservicePayment {
        let checked = try settings.validated()
        let time = now()
        return try await database.transaction { sql in
            let teleservice = try await RequestCatalogService.requireTeleservice(
                settings.teleserviceID, .manage, agentID: agentID, sql: sql)
            if let field = checked.priceField, checked.enabled,
                !teleservice.form.fields.contains(where: { $0.key == field })
            {
                throw DomainError.invalidField(
                    field: "Champ du formulaire",
                    reason: "Le formulaire n'a pas de champ « \(field) » : choisissez un champ de sa liste.")
            }
            try await PaymentRepository(sql: sql).save(checked, at: time)
            var details = ["enabled": checked.enabled ? "1" : "0", "regie": checked.regie]
            if let amount = checked.amount { details["amount"] = String(amount) }
            if let field = checked.priceField { details["priceField"] = field }
            try await RequestCatalogService.journal(
                .teleservicePaymentChanged, by: agentID, kind: "teleservice", id: settings.teleserviceID, sql: sql,
                details: details)
            return checked
        }
    }

    // MARK: - The citizen

    /// Opens the payment of a request just filed when its teleservice asks for one; `nil` otherwise.
    package func open(for request: CitizenRequest) async throws -> Payment? {
        guard let requestID = request.id else { return nil }
        let time = now()
        let providerName = provider?.name ?? "none"
        return try await database.transaction { sql in
            let settings = try await PaymentRepository(sql: sql).settings(of: request.teleserviceID)
            guard let amount = settings.amountDue(for: request.data) else { return nil }
            let category = try await RequestCatalogRepository(sql: sql).category(request.categoryID)
            var email: String?
            if let household = request.householdID {
                email = try await HouseholdRepository(sql: sql).find(household)?.email
            }
            let payment = try await PaymentRepository(sql: sql).create(
                Payment(
                    reference: Payment.reference(number: request.number), requestID: requestID,
                    requestNumber: request.number, teleserviceID: request.teleserviceID,
                    categoryID: request.categoryID, entityID: category?.entityID, payerName: request.requesterName,
                    email: email, amount: amount, provider: providerName, regie: settings.regie,
                    createdAt: time, updatedAt: time))
            try await record(
                payment, .created, at: time, detail: "Montant \(PaymentAmount.text(amount))", sql: sql,
                journal: .paymentCreated)
            return payment
        }
    }

    /// A payment as the citizen's page shows it, with its teleservice's name.
    package struct Citizen: Sendable {
        package let payment: Payment
        package let teleservice: String
        /// The latest attempt of the same request, when this one failed and another followed.
        package let later: Payment?
    }

    /// The payment of `reference` (unknown: 404).
    package func payment(reference: String) async throws -> Citizen {
        try await database.session { sql in
            let repository = PaymentRepository(sql: sql)
            guard let payment = try await repository.find(reference: reference) else {
                throw DomainError.notFound(what: "Paiement")
            }
            let name = try await RequestCatalogRepository(sql: sql).teleservice(payment.teleserviceID)?.name ?? ""
            let latest = try await repository.payments(ofRequest: payment.requestID).first
            return Citizen(payment: payment, teleservice: name, later: latest?.id == payment.id ? nil : latest)
        }
    }

    /// « Payer »: sends the citizen to the provider. A payment already sent is sent again (the citizen came
    /// back without paying); after a failure, a new attempt with a new reference. Paid: refused (409).
    package func start(reference: String) async throws -> URL {
        guard let provider else {
            throw DomainError.conflict(
                reason: "Le paiement en ligne n'est pas disponible pour l'instant. Contactez la mairie.")
        }
        let time = now()
        let (payment, year) = try await database.transaction { sql in
            let repository = PaymentRepository(sql: sql)
            guard var payment = try await repository.find(reference: reference, forUpdate: true) else {
                throw DomainError.notFound(what: "Paiement")
            }
            if let latest = try await repository.payments(ofRequest: payment.requestID).first, latest.id != payment.id {
                payment = latest
            }
            switch payment.state {
            case .paid:
                throw DomainError.conflict(reason: "Cette demande est déjà payée.")
            case .refused, .cancelled, .expired:
                var next = payment
                next.id = nil
                next.reference = Payment.reference(number: payment.requestNumber)
                next.state = .created
                next.transactionNumber = nil
                next.paidAt = nil
                next.createdAt = time
                next.updatedAt = time
                next.provider = provider.name
                payment = try await repository.create(next)
                try await record(
                    payment, .created, at: time,
                    detail: "Nouvelle tentative après le paiement \(reference), \(PaymentAmount.text(payment.amount))",
                    sql: sql, journal: .paymentCreated)
            case .created, .pending:
                break
            }
            if payment.state == .created || payment.provider != provider.name {
                payment.state = .pending
                payment.provider = provider.name
                payment.updatedAt = time
                try await repository.update(payment)
            }
            try await record(
                payment, .sent, at: time, detail: "Vers « \(provider.label) »", sql: sql, journal: .paymentSent)
            return (payment, CivilDate(parisTime: payment.createdAt).year)
        }
        let teleservice = try await self.payment(reference: payment.reference).teleservice
        do {
            return try provider.redirect(
                for: PaymentOrder(
                    reference: payment.reference, amount: payment.amount, email: payment.email,
                    object: "Demande \(payment.requestNumber) \(teleservice)", year: year,
                    callbackURL: callbackURL(provider)))
        } catch {
            throw DomainError.conflict(reason: error.description)
        }
    }

    // MARK: - The provider's answer

    /// How the fields reached the platform: the provider's server (notification) or the citizen's browser.
    package enum Channel: Sendable {
        case notification
        case `return`
    }

    /// What became of a notification.
    package enum Received: Sendable, Equatable {
        case applied(Payment)
        case duplicate(Payment)
        /// The browser's return of a provider whose fields are not signed: shown, never applied.
        case shown(reference: String)
        case refused(reason: String, reference: String?)
    }

    /// Applies what the provider `name` says, through the state machine. Every notification lands in the
    /// payment's history (when the payment is known) and the journal; a refused one in the log as well.
    package func receive(provider name: String, fields: [String: String], channel: Channel) async throws -> Received {
        let time = now()
        guard let provider, provider.name == name else {
            return try await refuse(
                "service de paiement « \(name) » non configuré", fields: fields, reference: nil, at: time)
        }
        let notification: PaymentNotification
        do {
            notification = try provider.notification(from: fields)
        } catch {
            return try await refuse(error.description, fields: fields, reference: fields["refdet"], at: time)
        }
        if channel == .return, !provider.trustsReturn {
            return .shown(reference: notification.reference)
        }
        let kind: PaymentEvent.Kind = channel == .notification ? .notification : .return
        let result: Received = try await database.transaction { sql in
            let repository = PaymentRepository(sql: sql)
            guard var payment = try await repository.find(reference: notification.reference, forUpdate: true) else {
                return .refused(reason: "commande inconnue", reference: notification.reference)
            }
            guard payment.provider == provider.name else {
                try await record(
                    payment, kind, at: time, accepted: false,
                    detail: "Refusée : paiement confié à « \(payment.provider) » — \(notification.summary)", sql: sql,
                    journal: .paymentNotificationRefused)
                return .refused(reason: "paiement d'un autre service", reference: payment.reference)
            }
            switch PaymentDecision.decide(
                state: payment.state, expected: payment.amount, outcome: notification.outcome,
                amount: notification.amount)
            {
            case .apply(let state):
                payment.state = state
                payment.updatedAt = time
                if state == .paid {
                    payment.paidAt = time
                    payment.transactionNumber = notification.transactionNumber
                }
                try await repository.update(payment)
                try await record(
                    payment, kind, at: time, detail: notification.summary, sql: sql, journal: .payment(state))
                try await CitizenRequestRepository(sql: sql).addHistory(
                    RequestHistoryEntry(
                        requestID: payment.requestID, at: time, author: .system,
                        action: JournalAction.payment(state).rawValue,
                        summary:
                            "Paiement \(payment.reference) « \(state.label) » (\(PaymentAmount.text(payment.amount)))"))
                return .applied(payment)
            case .duplicate:
                try await record(
                    payment, kind, at: time, detail: "Déjà prise en compte — \(notification.summary)", sql: sql,
                    journal: .paymentNotificationRepeated)
                return .duplicate(payment)
            case .reject(let reason):
                try await record(
                    payment, kind, at: time, accepted: false, detail: "Refusée : \(reason) — \(notification.summary)",
                    sql: sql, journal: .paymentNotificationRefused)
                return .refused(reason: reason, reference: payment.reference)
            }
        }
        if case .refused(let reason, let reference) = result {
            if reason == "commande inconnue" {
                return try await refuse(reason, fields: fields, reference: reference, at: time)
            }
            logger.warning(
                "payment notification refused",
                metadata: ["provider": "\(name)", "reference": "\(reference ?? "")", "reason": "\(reason)"])
        }
        return result
    }

    /// Journals and logs a notification that names no payment of ours (or cannot be read).
    private func refuse(_ reason: String, fields: [String: String], reference: String?, at time: Int64) async throws
        -> Received
    {
        logger.warning(
            "payment notification refused",
            metadata: ["reason": "\(reason)", "reference": "\(reference ?? "")", "fields": "\(fields.keys.sorted())"])
        try await database.transaction { sql in
            var details = ["reason": reason]
            if let reference { details["reference"] = String(reference.prefix(40)) }
            if let amount = fields["montant"] { details["amount"] = String(amount.prefix(20)) }
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "payment", id: 0),
                    action: .paymentNotificationRefused, details: details))
        }
        return .refused(reason: reason, reference: reference)
    }

    /// Expires the payments that waited longer than ``expiry``; returns how many.
    @discardableResult
    package func expireStale() async throws -> Int {
        let time = now()
        return try await database.transaction { sql in
            let repository = PaymentRepository(sql: sql)
            var count = 0
            for var payment in try await repository.pending(before: time - expiry)
            where payment.state.canMove(to: .expired) {
                payment.state = .expired
                payment.updatedAt = time
                try await repository.update(payment)
                try await record(
                    payment, .expired, at: time, detail: "Aucune réponse du service de paiement", sql: sql,
                    journal: .paymentExpired)
                count += 1
            }
            return count
        }
    }

    // MARK: - Agents

    /// « Rechercher paiement » over the categories the agent reads (their entity's).
    package func search(_ search: PaymentSearch, for agentID: Int64) async throws -> [Payment] {
        try await database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            guard rights.holdsSomewhere(.read) else {
                throw DomainError.forbidden(
                    reason: "Il faut un droit sur une catégorie de téléservices pour voir les paiements.")
            }
            return try await PaymentRepository(sql: sql).search(search, in: rights.readableCategories)
        }
    }

    /// The request's payments with their history, for its page; the caller has checked the agent's right.
    package func payments(ofRequest requestID: Int64) async throws -> [(Payment, [PaymentEvent])] {
        try await database.session { sql in
            let repository = PaymentRepository(sql: sql)
            var result: [(Payment, [PaymentEvent])] = []
            for payment in try await repository.payments(ofRequest: requestID) {
                result.append((payment, try await repository.events(of: payment.id ?? 0)))
            }
            return result
        }
    }

    /// The request's latest payment, for the citizen's page of the request (the caller checked the household).
    package func latestPayment(ofRequest requestID: Int64) async throws -> Payment? {
        try await database.session { sql in try await PaymentRepository(sql: sql).payments(ofRequest: requestID).first }
    }

    /// A notification from an address `serve --payfip-notification-from` does not allow: journaled, logged.
    package func refuseSource(_ source: String, provider name: String) async throws {
        _ = try await refuse(
            "notification « \(name) » d'une adresse non autorisée (\(source))", fields: [:], reference: nil, at: now())
    }

    // MARK: - Shared

    /// A line of the payment's history and its journal entry.
    private func record(
        _ payment: Payment, _ kind: PaymentEvent.Kind, at time: Int64, accepted: Bool = true, detail: String,
        sql: any SQLDatabase, journal action: JournalAction
    ) async throws {
        let id = payment.id ?? 0
        try await PaymentRepository(sql: sql).addEvent(
            PaymentEvent(
                paymentID: id, at: time, kind: kind, state: payment.state, accepted: accepted, detail: detail))
        try await JournalRepository(sql: sql).append(
            JournalEvent(
                actor: .system, subject: JournalSubject(kind: "payment", id: id), action: action,
                details: [
                    "reference": payment.reference, "request": payment.requestNumber, "amount": String(payment.amount),
                    "state": payment.state.rawValue, "provider": payment.provider, "detail": String(detail.prefix(500)),
                ]))
    }
}
