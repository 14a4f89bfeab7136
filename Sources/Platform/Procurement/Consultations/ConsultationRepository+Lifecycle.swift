import PlatformKernel
import SQLKit

extension ConsultationRepository {
    /// Applies `transition` to the consultation if ``ConsultationLifecycle`` allows it: updates the state,
    /// records or resets the decisions, and appends a history row. Run it in the caller's transaction.
    package func transition(
        _ id: Int64, _ transition: ConsultationTransition, by actor: ConsultationActor, at now: Int64,
        comment: String = ""
    ) async throws -> Consultation {
        var consultation = try await require(id: id)
        let decidedLots = Set(try await decisions(of: id).compactMap(\.lotNumber))
        try ConsultationLifecycle.check(transition, on: consultation, by: actor, at: now, decidedLots: decidedLots)
        let changed = try await sql.update("consultations")
            .set("state", to: SQLBind(transition.to.rawValue))
            .set("updated_at", to: SQLBind(now))
            .where("id", .equal, id)
            .where("state", .equal, transition.from.rawValue)
            .returning("id")
            .first()
        guard changed != nil else { throw ConsultationError.concurrentChange }
        switch transition {
        case .decide(let decisions):
            for decision in decisions {
                try await sql.insert(into: "consultation_decisions")
                    .columns("consultation_id", "lot_number", "kind", "comment", "decided_by", "decided_at")
                    .values(
                        SQLBind(id), SQLBind(decision.lotNumber.map { Int64($0) }), SQLBind(decision.kind.rawValue),
                        SQLBind(decision.comment), SQLBind(actor.agentID), SQLBind(now)
                    )
                    .run()
            }
        case .resetDecision(let lot):
            var reset = sql.update("consultation_decisions")
                .set("reset_by", to: SQLBind(actor.agentID))
                .set("reset_at", to: SQLBind(now))
                .where("consultation_id", .equal, id)
                .where("reset_at", .is, SQLLiteral.null)
            if let lot { reset = reset.where("lot_number", .equal, Int64(lot)) }
            try await reset.run()
        case .submit, .returnToElaboration, .validate, .open:
            break
        }
        try await appendHistory(
            id,
            ConsultationStateChange(
                from: transition.from, to: transition.to, agentID: actor.agentID, at: now, comment: comment))
        consultation.state = transition.to
        return consultation
    }

    /// "Créer une suite": saves a copy of a consultation in "Décision" under a new reference, in elaboration,
    /// linked to it as its procédure amont. Run it in the caller's transaction.
    package func createSuite(
        of id: Int64, reference: ConsultationReference, by actor: ConsultationActor, at now: Int64
    ) async throws -> Consultation {
        let upstream = try await require(id: id)
        try ConsultationLifecycle.checkSuite(of: upstream, by: actor)
        return try await create(
            upstream.suite(reference: reference, createdBy: actor.agentID), at: now,
            comment: "Suite de la consultation \(upstream.reference)")
    }

    /// The decisions in force (not reset), by lot.
    package func decisions(of id: Int64) async throws -> [ConsultationDecision] {
        try await sql.select().columns("lot_number", "kind", "comment").from("consultation_decisions")
            .where("consultation_id", .equal, id).where("reset_at", .is, SQLLiteral.null)
            .orderBy("lot_number").orderBy("id")
            .all(decoding: DecisionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { row in
                guard let kind = ConsultationDecision.Kind(rawValue: row.kind) else {
                    throw ConsultationStorageError.unreadableValue(column: "kind", value: row.kind, consultationID: id)
                }
                return ConsultationDecision(lotNumber: row.lotNumber.map { Int($0) }, kind: kind, comment: row.comment)
            }
    }

    /// Every state change of the consultation, oldest first, its creation included.
    package func history(of id: Int64) async throws -> [ConsultationStateChange] {
        try await sql.select().columns("from_state", "to_state", "agent_id", "at", "comment")
            .from("consultation_state_history")
            .where("consultation_id", .equal, id).orderBy("id")
            .all(decoding: HistoryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { row in
                func state(_ raw: String, _ column: String) throws -> ConsultationState {
                    guard let state = ConsultationState(rawValue: raw) else {
                        throw ConsultationStorageError.unreadableValue(column: column, value: raw, consultationID: id)
                    }
                    return state
                }
                return ConsultationStateChange(
                    from: try row.fromState.map { try state($0, "from_state") }, to: try state(row.toState, "to_state"),
                    agentID: row.agentId, at: row.at, comment: row.comment)
            }
    }

    private struct DecisionRow: Codable {
        package let lotNumber: Int64?
        package let kind: String
        package let comment: String
    }

    private struct HistoryRow: Codable {
        package let fromState: String?
        package let toState: String
        package let agentId: Int64
        package let at: Int64
        package let comment: String
    }
}
