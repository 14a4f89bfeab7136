import Foundation
import PlatformKernel
import SQLKit

/// Reads and writes ``Consultation``s on one connection or transaction.
///
/// Methods that write several rows (`create`, `update`, `transition`, `createSuite`) expect the caller to run
/// them inside ``Database/transaction(_:)``.
package struct ConsultationRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// Validates and saves a new consultation in elaboration, with its lots, invitations and the first history row.
    package func create(_ consultation: Consultation, at now: Int64, comment: String = "") async throws -> Consultation
    {
        var saved = consultation
        saved.id = nil
        saved.state = .elaboration
        try saved.validate()
        try await requireUnusedReference(saved.reference, except: nil)
        let id = try await sql.insert(into: "consultations")
            .model(
                ConsultationRow(saved, now: now), keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil
            )
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw ConsultationError.notFound(saved.reference.value) }
        saved.id = id
        try await saveLotsAndInvitations(of: saved, id: id)
        try await appendHistory(
            id,
            ConsultationStateChange(from: nil, to: .elaboration, agentID: saved.createdBy, at: now, comment: comment))
        return saved
    }

    /// Replaces the fields, lots and invitations of a consultation still in elaboration.
    /// The author, service, creation mode, state and amont link are kept as stored.
    package func update(_ consultation: Consultation, by actor: ConsultationActor, at now: Int64) async throws
        -> Consultation
    {
        guard let id = consultation.id else { throw ConsultationError.notFound(consultation.reference.value) }
        let current = try await require(id: id)
        try ConsultationLifecycle.checkEdit(of: current, by: actor)
        var updated = consultation
        updated.createdBy = current.createdBy
        updated.organisationID = current.organisationID
        updated.creationMode = current.creationMode
        updated.state = current.state
        updated.previousConsultationID = current.previousConsultationID
        try updated.validate()
        try await requireUnusedReference(updated.reference, except: id)
        let changed = try await sql.update("consultations")
            .set(
                model: ConsultationRow(updated, now: now), keyEncodingStrategy: .convertToSnakeCase,
                nilEncodingStrategy: .asNil
            )
            .where("id", .equal, id)
            .where("state", .equal, ConsultationState.elaboration.rawValue)
            .returning("id")
            .first()
        guard changed != nil else { throw ConsultationError.concurrentChange }
        try await sql.delete(from: "consultation_lots").where("consultation_id", .equal, id).run()
        try await sql.delete(from: "consultation_invitations").where("consultation_id", .equal, id).run()
        try await saveLotsAndInvitations(of: updated, id: id)
        return updated
    }

    /// The consultation with this identifier, if any.
    package func find(id: Int64) async throws -> Consultation? {
        try await models(select().where("id", .equal, id)).first
    }

    /// The consultation with this reference, ignoring case, if any.
    package func find(reference: String) async throws -> Consultation? {
        try await models(select().where("reference_key", .equal, reference.uppercased())).first
    }

    /// The consultations owned by these services, most recent deadline first.
    package func consultations(ofOrganisations organisationIDs: [Int64]) async throws -> [Consultation] {
        guard !organisationIDs.isEmpty else { return [] }
        return try await models(
            select().where("organisation_id", .in, organisationIDs).orderBy("deadline", .descending)
                .orderBy("id"))
    }

    /// The consultations an agent reaches: owned by one of `organisationIDs` (the services where the rights
    /// engine gives the agent access), created by the agent, or to which the agent is invited.
    /// Most recent deadline first.
    package func consultations(visibleTo agentID: Int64, inOrganisations organisationIDs: [Int64]) async throws
        -> [Consultation]
    {
        let invited: SQLQueryString =
            "id IN (SELECT consultation_id FROM consultation_invitations WHERE agent_id = \(bind: agentID))"
        return try await models(
            select()
                .where { group in
                    let own = group.where("created_by", .equal, agentID).orWhere(invited)
                    return organisationIDs.isEmpty ? own : own.orWhere("organisation_id", .in, organisationIDs)
                }
                .orderBy("deadline", .descending).orderBy("id"))
    }

    /// The suites created from this consultation ("procédures aval"), oldest first.
    package func suites(of id: Int64) async throws -> [Consultation] {
        try await models(select().where("previous_consultation_id", .equal, id).orderBy("id"))
    }

    package func require(id: Int64) async throws -> Consultation {
        guard let consultation = try await find(id: id) else { throw ConsultationError.notFound("n° \(id)") }
        return consultation
    }

    package func select() -> SQLSelectBuilder {
        sql.select().columns((["id"] + ConsultationRow.columns).map { SQLColumn($0) }).from("consultations")
    }

    /// Runs `query` over ``select()`` and reads each row with its lots and invitations: three queries in all,
    /// however many consultations match.
    package func models(_ query: SQLSelectBuilder) async throws -> [Consultation] {
        var rows: [(id: Int64, fields: ConsultationRow)] = []
        for row in try await query.all() {
            rows.append(
                (
                    try row.decode(column: "id", as: Int64.self),
                    try row.decode(model: ConsultationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                ))
        }
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        var lots: [Int64: [ConsultationLot]] = [:]
        for lot in try await sql.select().columns("consultation_id", "number", "title").from("consultation_lots")
            .where("consultation_id", .in, ids).orderBy("number")
            .all(decoding: LotRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        {
            lots[lot.consultationId, default: []].append(ConsultationLot(number: Int(lot.number), title: lot.title))
        }
        var invitations: [Int64: [ConsultationInvitation]] = [:]
        for invitation in try await sql.select().columns("consultation_id", "agent_id", "permanent")
            .from("consultation_invitations").where("consultation_id", .in, ids).orderBy("agent_id")
            .all(decoding: InvitationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        {
            invitations[invitation.consultationId, default: []].append(
                ConsultationInvitation(agentID: invitation.agentId, permanent: invitation.permanent != 0))
        }
        return try rows.map { row in
            try row.fields.model(id: row.id, lots: lots[row.id] ?? [], invitations: invitations[row.id] ?? [])
        }
    }

    private func saveLotsAndInvitations(of consultation: Consultation, id: Int64) async throws {
        for lot in consultation.lots {
            try await sql.insert(into: "consultation_lots").columns("consultation_id", "number", "title")
                .values(SQLBind(id), SQLBind(Int64(lot.number)), SQLBind(lot.title)).run()
        }
        for invitation in consultation.invitations {
            try await sql.insert(into: "consultation_invitations").columns("consultation_id", "agent_id", "permanent")
                .values(SQLBind(id), SQLBind(invitation.agentID), SQLBind(Int64(invitation.permanent ? 1 : 0))).run()
        }
    }

    private func requireUnusedReference(_ reference: ConsultationReference, except id: Int64?) async throws {
        var query = sql.select().column("id").from("consultations").where("reference_key", .equal, reference.key)
        if let id { query = query.where("id", .notEqual, id) }
        if try await query.first() != nil {
            throw DomainError.invalidField(
                field: "référence",
                reason:
                    "La référence \(reference) est déjà utilisée par une autre consultation : choisissez-en une autre.")
        }
    }

    package func appendHistory(_ id: Int64, _ change: ConsultationStateChange) async throws {
        try await sql.insert(into: "consultation_state_history")
            .columns("consultation_id", "from_state", "to_state", "agent_id", "at", "comment")
            .values(
                SQLBind(id), SQLBind(change.from?.rawValue), SQLBind(change.to.rawValue), SQLBind(change.agentID),
                SQLBind(change.at), SQLBind(change.comment)
            )
            .run()
    }

    private struct LotRow: Codable {
        package let consultationId: Int64
        package let number: Int64
        package let title: String
    }

    private struct InvitationRow: Codable {
        package let consultationId: Int64
        package let agentId: Int64
        package let permanent: Int64
    }
}
