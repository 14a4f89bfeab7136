import Foundation
import PlatformKernel
import SQLKit

/// The teleservices' payment settings, the payments and their history (SQLite and PostgreSQL).
package struct PaymentRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    // MARK: - Settings

    private struct SettingsRow: Decodable {
        let teleserviceId: Int64
        let enabled: Int64
        let regie: String
        let amount: Int64?
        let priceField: String?
        let pricesJson: String
    }

    private struct StoredPrice: Codable {
        let key: String
        let amount: Int64
    }

    /// The teleservice's settings; disabled when never set.
    package func settings(of teleserviceID: Int64) async throws -> TeleservicePayment {
        guard
            let row = try await sql.select().columns("*").from("teleservice_payments")
                .where("teleservice_id", .equal, teleserviceID)
                .first(decoding: SettingsRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        else { return TeleservicePayment(teleserviceID: teleserviceID) }
        let prices = (try? JSONDecoder().decode([StoredPrice].self, from: Data(row.pricesJson.utf8))) ?? []
        return TeleservicePayment(
            teleserviceID: teleserviceID, enabled: row.enabled != 0, regie: row.regie, amount: row.amount,
            priceField: row.priceField, prices: prices.map { .init(key: $0.key, amount: $0.amount) })
    }

    package func save(_ settings: TeleservicePayment, at time: Int64) async throws {
        let prices = String(
            decoding: try JSONEncoder().encode(settings.prices.map { StoredPrice(key: $0.key, amount: $0.amount) }),
            as: UTF8.self)
        try await sql.delete(from: "teleservice_payments").where("teleservice_id", .equal, settings.teleserviceID)
            .run()
        try await sql.insert(into: "teleservice_payments")
            .columns("teleservice_id", "enabled", "regie", "amount", "price_field", "prices_json", "updated_at")
            .values(
                SQLBind(settings.teleserviceID), SQLBind(Int64(settings.enabled ? 1 : 0)), SQLBind(settings.regie),
                SQLBind(settings.amount), SQLBind(settings.priceField), SQLBind(prices), SQLBind(time)
            )
            .run()
    }

    // MARK: - Payments

    private struct Row: Decodable {
        let id: Int64
        let reference: String
        let requestId: Int64
        let requestNumber: String
        let teleserviceId: Int64
        let categoryId: Int64
        let entityId: Int64?
        let payerName: String
        let email: String?
        let amount: Int64
        let provider: String
        let regie: String
        let state: String
        let transactionNumber: String?
        let createdAt: Int64
        let updatedAt: Int64
        let paidAt: Int64?

        var model: Payment? {
            guard let state = PaymentState(rawValue: state) else { return nil }
            return Payment(
                id: id, reference: reference, requestID: requestId, requestNumber: requestNumber,
                teleserviceID: teleserviceId, categoryID: categoryId, entityID: entityId, payerName: payerName,
                email: email, amount: amount, provider: provider, regie: regie, state: state,
                transactionNumber: transactionNumber, createdAt: createdAt, updatedAt: updatedAt, paidAt: paidAt)
        }
    }

    package func create(_ payment: Payment) async throws -> Payment {
        let id = try await sql.insert(into: "payments")
            .columns(
                "reference", "request_id", "request_number", "teleservice_id", "category_id", "entity_id", "payer_name",
                "email", "amount", "provider", "regie", "state", "transaction_number", "created_at", "updated_at",
                "paid_at"
            )
            .values(
                SQLBind(payment.reference), SQLBind(payment.requestID), SQLBind(payment.requestNumber),
                SQLBind(payment.teleserviceID), SQLBind(payment.categoryID), SQLBind(payment.entityID),
                SQLBind(payment.payerName), SQLBind(payment.email), SQLBind(payment.amount), SQLBind(payment.provider),
                SQLBind(payment.regie), SQLBind(payment.state.rawValue), SQLBind(payment.transactionNumber),
                SQLBind(payment.createdAt), SQLBind(payment.updatedAt), SQLBind(payment.paidAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = payment
        saved.id = id
        return saved
    }

    /// Saves the state and outcome of a payment.
    package func update(_ payment: Payment) async throws {
        try await sql.update("payments")
            .set("state", to: payment.state.rawValue)
            .set("provider", to: payment.provider)
            .set("transaction_number", to: payment.transactionNumber)
            .set("updated_at", to: payment.updatedAt)
            .set("paid_at", to: payment.paidAt)
            .where("id", .equal, payment.id ?? 0)
            .run()
    }

    /// The payment of `reference`; `forUpdate` locks its row until the transaction ends (PostgreSQL).
    package func find(reference: String, forUpdate: Bool = false) async throws -> Payment? {
        var query = sql.select().columns("*").from("payments").where("reference", .equal, reference)
        if forUpdate { query = query.for(.update) }
        return try await query.first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.model
    }

    /// The request's payments, newest first.
    package func payments(ofRequest requestID: Int64) async throws -> [Payment] {
        try await sql.select().columns("*").from("payments").where("request_id", .equal, requestID)
            .orderBy("id", .descending)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(\.model)
    }

    /// The payments matching `search` in `categories` (`nil`: all), newest first.
    package func search(_ search: PaymentSearch, in categories: Set<Int64>?) async throws -> [Payment] {
        var query = sql.select().columns("*").from("payments")
        if let categories {
            guard !categories.isEmpty else { return [] }
            query = query.where("category_id", .in, Array(categories))
        }
        if let from = search.from {
            query = query.where("created_at", .greaterThanOrEqual, CitizenRequestRepository.parisStart(of: from))
        }
        if let to = search.to {
            query = query.where("created_at", .lessThan, CitizenRequestRepository.parisStart(of: to.adding(days: 1)))
        }
        if let state = search.state { query = query.where("state", .equal, state.rawValue) }
        if let teleservice = search.teleserviceID { query = query.where("teleservice_id", .equal, teleservice) }
        if let regie = search.regie?.trimmingCharacters(in: .whitespaces), !regie.isEmpty {
            query = query.where("regie", .equal, regie)
        }
        if let reference = search.reference?.trimmingCharacters(in: .whitespaces), !reference.isEmpty {
            query = query.where { group in
                group.where("reference", .equal, reference.uppercased()).orWhere("request_number", .equal, reference)
            }
        }
        return try await query.orderBy("created_at", .descending).orderBy("id", .descending)
            .limit(PaymentSearch.limit)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(\.model)
    }

    /// The pending payments sent before `time`.
    package func pending(before time: Int64) async throws -> [Payment] {
        try await sql.select().columns("*").from("payments")
            .where("state", .in, [PaymentState.created.rawValue, PaymentState.pending.rawValue])
            .where("updated_at", .lessThan, time)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(\.model)
    }

    // MARK: - History

    private struct EventRow: Decodable {
        let id: Int64
        let paymentId: Int64
        let at: Int64
        let kind: String
        let state: String
        let accepted: Int64
        let detail: String
    }

    package func addEvent(_ event: PaymentEvent) async throws {
        try await sql.insert(into: "payment_events")
            .columns("payment_id", "at", "kind", "state", "accepted", "detail")
            .values(
                SQLBind(event.paymentID), SQLBind(event.at), SQLBind(event.kind.rawValue),
                SQLBind(event.state.rawValue), SQLBind(Int64(event.accepted ? 1 : 0)), SQLBind(event.detail)
            )
            .run()
    }

    /// The payment's history, oldest first.
    package func events(of paymentID: Int64) async throws -> [PaymentEvent] {
        try await sql.select().columns("*").from("payment_events").where("payment_id", .equal, paymentID)
            .orderBy("id")
            .all(decoding: EventRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap { row in
                guard let kind = PaymentEvent.Kind(rawValue: row.kind), let state = PaymentState(rawValue: row.state)
                else { return nil }
                return PaymentEvent(
                    id: row.id, paymentID: row.paymentId, at: row.at, kind: kind, state: state,
                    accepted: row.accepted != 0, detail: row.detail)
            }
    }
}

/// « Rechercher paiement »: period of creation, state, teleservice, reference (or the request's number).
package struct PaymentSearch: Sendable, Equatable {
    package static let limit = 200

    package var from: CivilDate?
    package var to: CivilDate?
    package var state: PaymentState?
    package var teleserviceID: Int64?
    package var reference: String?
    /// « Nom de la régie ».
    package var regie: String?

    package init(
        from: CivilDate? = nil, to: CivilDate? = nil, state: PaymentState? = nil, teleserviceID: Int64? = nil,
        reference: String? = nil, regie: String? = nil
    ) {
        self.regie = regie
        self.from = from
        self.to = to
        self.state = state
        self.teleserviceID = teleserviceID
        self.reference = reference
    }
}
