import PlatformKernel
import SQLKit

/// Reads and writes contracts, their titulaires and their modifications. Nothing here rewrites a contract's
/// initial data: publication fills the publication once, modifications are appended with the next number.
package struct ContractRepository: Sendable {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Codable {
        var id: Int64
        var consultationId: Int64
        var lotNumber: Int64?
        var entityId: Int64
        var organisationId: Int64
        var buyerName: String
        var buyerSiret: String
        var consultationReference: String
        var object: String
        var cpv: String
        var procedureName: String
        var technique: String
        var generalConditions: String
        var grouping: String
        var amountCents: Int64
        var priceForm: String
        var priceType: String
        var durationMonths: Int64
        var offersReceived: Int64
        var notificationDate: String
        var executionStartDate: String
        var contactName: String
        var contactEmail: String
        var placeCode: String
        var placeCodeType: String
        var createdBy: Int64
        var createdAt: Int64
        var publicationDate: String?
    }

    private struct HolderRow: Codable {
        var contractId: Int64
        var position: Int64
        var name: String
        var siret: String
    }

    private struct ModificationRow: Codable {
        var contractId: Int64
        var number: Int64
        var object: String
        var amountCents: Int64?
        var durationMonths: Int64?
        var signatureDate: String
        var publicationDate: String
        var recordedBy: Int64
        var recordedAt: Int64
    }

    private static let columns = [
        "id", "consultation_id", "lot_number", "entity_id", "organisation_id", "buyer_name", "buyer_siret",
        "consultation_reference", "object", "cpv", "procedure_name", "technique", "general_conditions", "grouping",
        "amount_cents", "price_form", "price_type", "duration_months", "offers_received", "notification_date",
        "execution_start_date", "contact_name", "contact_email", "place_code", "place_code_type", "created_by",
        "created_at", "publication_date",
    ]

    /// Records a new contract with its titulaires; the contract with its identifier.
    package func create(_ contract: Contract) async throws -> Contract {
        let fold = ConsultationRow.fold
        let values: [any Encodable & Sendable] = [
            contract.consultationID, contract.lotNumber.map(Int64.init), contract.entityID, contract.organisationID,
            contract.buyerName, contract.buyerSIRET.value, contract.consultationReference, contract.object,
            contract.cpv.description, contract.procedure, contract.technique, contract.generalConditions.rawValue,
            contract.grouping.rawValue, contract.amount.cents, contract.priceForm.rawValue, contract.priceType.rawValue,
            Int64(contract.durationMonths), Int64(contract.offersReceived), contract.notificationDate.description,
            contract.executionStartDate.description, contract.contactName, contract.contactEmail, contract.placeCode,
            contract.placeCodeType.rawValue, contract.createdBy, contract.createdAt, fold(contract.buyerName),
            fold(contract.object),
            fold(contract.holders.map { "\($0.name) \($0.siret.value)" }.joined(separator: " | ")),
        ]
        guard
            let id = try await sql.insert(into: "contracts")
                .columns(
                    "consultation_id", "lot_number", "entity_id", "organisation_id", "buyer_name", "buyer_siret",
                    "consultation_reference", "object", "cpv", "procedure_name", "technique", "general_conditions",
                    "grouping", "amount_cents", "price_form", "price_type", "duration_months", "offers_received",
                    "notification_date", "execution_start_date", "contact_name", "contact_email", "place_code",
                    "place_code_type", "created_by", "created_at", "buyer_folded", "object_folded", "holders_folded"
                )
                .values(values.map { SQLBind($0) as any SQLExpression })
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        else { throw DomainError.conflict(reason: "Le contrat n'a pas été enregistré : réessayez.") }
        for (index, holder) in contract.holders.enumerated() {
            try await sql.insert(into: "contract_holders").columns("contract_id", "position", "name", "siret")
                .values(SQLBind(id), SQLBind(Int64(index + 1)), SQLBind(holder.name), SQLBind(holder.siret.value))
                .run()
        }
        var created = contract
        created.id = id
        return created
    }

    package func find(_ id: Int64) async throws -> Contract? {
        try await load(select().where("id", .equal, id)).first
    }

    /// The contracts of a consultation, oldest first.
    package func contracts(ofConsultation id: Int64) async throws -> [Contract] {
        try await load(select().where("consultation_id", .equal, id).orderBy("id"))
    }

    /// The contracts of an entity's consultations, newest first.
    package func contracts(ofEntity id: Int64) async throws -> [Contract] {
        try await load(select().where("entity_id", .equal, id).orderBy("id", .descending))
    }

    /// Up to `limit` published contracts after `id`, by identifier: the pages of the DECP export.
    package func published(after id: Int64, limit: Int) async throws -> [Contract] {
        try await load(
            select().where("publication_date", .isNot, SQLLiteral.null).where("id", .greaterThan, id).orderBy("id")
                .limit(limit))
    }

    /// The published contracts matching `search`, the latest notified first.
    package func search(_ search: ContractSearch) async throws -> [Contract] {
        let fold = ConsultationRow.fold
        var query = select().where("publication_date", .isNot, SQLLiteral.null)
        func like(_ column: String, _ text: String?) {
            guard let text else { return }
            for word in fold(text).split(separator: " ") {
                query = query.where(SQLColumn(column), .like, SQLBind("%\(Self.escapedLike(String(word)))%"))
            }
        }
        like("buyer_folded", search.buyer)
        like("object_folded", search.object)
        like("holders_folded", search.holder)
        if let prefix = search.cpvPrefix { query = query.where("cpv", .like, SQLBind("\(prefix)%")) }
        if let from = search.from { query = query.where("notification_date", .greaterThanOrEqual, from.description) }
        if let to = search.to { query = query.where("notification_date", .lessThanOrEqual, to.description) }
        return try await load(
            query.orderBy("notification_date", .descending).orderBy("id", .descending).limit(search.limit))
    }

    /// Publishes the essential data on `day`, unless they already are; whether this call published them.
    package func publish(_ id: Int64, on day: CalendarDay, by agentID: Int64, at time: Int64) async throws -> Bool {
        try await sql.update("contracts")
            .set("publication_date", to: day.description).set("published_at", to: time)
            .set("published_by", to: agentID)
            .where("id", .equal, id).where("publication_date", .is, SQLLiteral.null).run()
        struct Published: Codable { var publishedBy: Int64? }
        let row = try await sql.select().column("published_by").from("contracts").where("id", .equal, id)
            .first(decoding: Published.self, keyDecodingStrategy: .convertFromSnakeCase)
        return row?.publishedBy == agentID
    }

    /// Appends a modification; a concurrent one with the same number fails on the unique index.
    package func add(_ modification: ContractModification, to contractID: Int64) async throws {
        try await sql.insert(into: "contract_modifications")
            .columns(
                "contract_id", "number", "object", "amount_cents", "duration_months", "signature_date",
                "publication_date", "recorded_by", "recorded_at"
            )
            .values(
                SQLBind(contractID), SQLBind(Int64(modification.number)), SQLBind(modification.object),
                SQLBind(modification.amount?.cents), SQLBind(modification.durationMonths.map(Int64.init)),
                SQLBind(modification.signatureDate.description), SQLBind(modification.publicationDate.description),
                SQLBind(modification.recordedBy), SQLBind(modification.recordedAt)
            ).run()
    }

    /// The SIRET the entity gave on its last contract, to fill the next form.
    package func lastBuyerSIRET(ofEntity id: Int64) async throws -> String? {
        struct Last: Codable { var buyerSiret: String }
        return try await sql.select().column("buyer_siret").from("contracts").where("entity_id", .equal, id)
            .orderBy("id", .descending).limit(1)
            .first(decoding: Last.self, keyDecodingStrategy: .convertFromSnakeCase)?.buyerSiret
    }

    private func select() -> SQLSelectBuilder {
        sql.select().columns(Self.columns.map { SQLColumn($0) }).from("contracts")
    }

    /// The rows of `query` with their titulaires and modifications.
    private func load(_ query: SQLSelectBuilder) async throws -> [Contract] {
        let rows = try await query.all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        let holders = Dictionary(
            grouping: try await sql.select().columns("contract_id", "position", "name", "siret")
                .from("contract_holders").where("contract_id", .in, ids).orderBy("position")
                .all(decoding: HolderRow.self, keyDecodingStrategy: .convertFromSnakeCase),
            by: \.contractId)
        let modifications = Dictionary(
            grouping: try await sql.select()
                .columns(
                    "contract_id", "number", "object", "amount_cents", "duration_months", "signature_date",
                    "publication_date", "recorded_by", "recorded_at"
                )
                .from("contract_modifications").where("contract_id", .in, ids).orderBy("number")
                .all(decoding: ModificationRow.self, keyDecodingStrategy: .convertFromSnakeCase),
            by: \.contractId)
        return try rows.map { row in
            try Self.model(row, holders: holders[row.id] ?? [], modifications: modifications[row.id] ?? [])
        }
    }

    private static func model(_ row: Row, holders: [HolderRow], modifications: [ModificationRow]) throws -> Contract {
        func decode<T: RawRepresentable<String>>(_ raw: String, _ column: String) throws -> T {
            guard let value = T(rawValue: raw) else {
                throw DomainError.conflict(reason: "Valeur illisible dans contracts.\(column) : \(raw)")
            }
            return value
        }
        return Contract(
            id: row.id, consultationID: row.consultationId, lotNumber: row.lotNumber.map { Int($0) },
            entityID: row.entityId, organisationID: row.organisationId, buyerName: row.buyerName,
            buyerSIRET: try SIRET(row.buyerSiret), consultationReference: row.consultationReference,
            object: row.object, cpv: try CPVCode(row.cpv), procedure: row.procedureName, technique: row.technique,
            generalConditions: try decode(row.generalConditions, "general_conditions"),
            holders: try holders.map { ContractHolder(name: $0.name, siret: try SIRET($0.siret)) },
            grouping: try decode(row.grouping, "grouping"), amount: EuroAmount(cents: row.amountCents),
            priceForm: try decode(row.priceForm, "price_form"), priceType: try decode(row.priceType, "price_type"),
            durationMonths: Int(row.durationMonths), offersReceived: Int(row.offersReceived),
            notificationDate: try CalendarDay(row.notificationDate, field: "notification_date"),
            executionStartDate: try CalendarDay(row.executionStartDate, field: "execution_start_date"),
            contactName: row.contactName, contactEmail: row.contactEmail, placeCode: row.placeCode,
            placeCodeType: try decode(row.placeCodeType, "place_code_type"), createdBy: row.createdBy,
            createdAt: row.createdAt,
            publicationDate: try row.publicationDate.map { try CalendarDay($0, field: "publication_date") },
            modifications: try modifications.map {
                ContractModification(
                    number: Int($0.number), object: $0.object, amount: $0.amountCents.map(EuroAmount.init(cents:)),
                    durationMonths: $0.durationMonths.map { Int($0) },
                    signatureDate: try CalendarDay($0.signatureDate, field: "signature_date"),
                    publicationDate: try CalendarDay($0.publicationDate, field: "publication_date"),
                    recordedBy: $0.recordedBy, recordedAt: $0.recordedAt)
            })
    }

    /// The search words without LIKE's wildcards `%` and `_`, which are dropped.
    private static func escapedLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }
}
