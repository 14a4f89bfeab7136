import PlatformKernel
import SQLKit

/// The stored side of « Ouverture et Analyse »: admissions, ranks, envelopes downloaded for an offline opening,
/// and every opening with its agent and time (for the procès-verbal).
package struct OpeningRepository: Sendable {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// A pli's admission as recorded.
    package struct AdmissionRecord: Codable, Sendable, Equatable {
        package let depositId: Int64
        package let consultationId: Int64
        package let decision: String
        package let reason: String
        package let agentId: Int64
        package let decidedAt: Int64

        package init(
            depositId: Int64, consultationId: Int64, decision: String, reason: String, agentId: Int64, decidedAt: Int64
        ) {
            self.depositId = depositId
            self.consultationId = consultationId
            self.decision = decision
            self.reason = reason
            self.agentId = agentId
            self.decidedAt = decidedAt
        }

        package var admission: OpeningBoard.Admission? { OpeningBoard.Admission(rawValue: decision) }
    }

    /// A pli's rank as recorded.
    package struct RankRecord: Codable, Sendable, Equatable {
        package let depositId: Int64
        package let consultationId: Int64
        package let rank: Int64
        package let agentId: Int64
        package let recordedAt: Int64

        package init(depositId: Int64, consultationId: Int64, rank: Int64, agentId: Int64, recordedAt: Int64) {
            self.depositId = depositId
            self.consultationId = consultationId
            self.rank = rank
            self.agentId = agentId
            self.recordedAt = recordedAt
        }
    }

    /// An envelope opened, online or downloaded for an offline opening: by whom (the job's agent) and when.
    package struct OpeningRecord: Codable, Sendable, Equatable {
        package let depositId: Int64
        package let envelope: String
        package let jobId: String
        package let openedAt: Int64
        package let agentId: Int64
        package let online: Bool

        package init(depositId: Int64, envelope: String, jobId: String, openedAt: Int64, agentId: Int64, online: Bool) {
            self.depositId = depositId
            self.envelope = envelope
            self.jobId = jobId
            self.openedAt = openedAt
            self.agentId = agentId
            self.online = online
        }
    }

    // MARK: - Admissions

    package func admissions(of consultationID: Int64) async throws -> [AdmissionRecord] {
        try await sql.select()
            .columns("deposit_id", "consultation_id", "decision", "reason", "agent_id", "decided_at")
            .from("pli_admissions").where("consultation_id", .equal, consultationID).orderBy("deposit_id")
            .all(decoding: AdmissionRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Records (or replaces) a pli's admission.
    package func save(_ admission: AdmissionRecord) async throws {
        try await sql.delete(from: "pli_admissions").where("deposit_id", .equal, admission.depositId).run()
        try await sql.insert(into: "pli_admissions")
            .columns("deposit_id", "consultation_id", "decision", "reason", "agent_id", "decided_at")
            .values(
                SQLBind(admission.depositId), SQLBind(admission.consultationId), SQLBind(admission.decision),
                SQLBind(admission.reason), SQLBind(admission.agentId), SQLBind(admission.decidedAt)
            ).run()
    }

    // MARK: - Ranking

    package func ranks(of consultationID: Int64) async throws -> [RankRecord] {
        try await sql.select().columns("deposit_id", "consultation_id", "rank", "agent_id", "recorded_at")
            .from("pli_ranks").where("consultation_id", .equal, consultationID).orderBy("rank").orderBy("deposit_id")
            .all(decoding: RankRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Replaces the consultation's ranking.
    package func saveRanking(_ ranks: [RankRecord], of consultationID: Int64) async throws {
        try await sql.delete(from: "pli_ranks").where("consultation_id", .equal, consultationID).run()
        for rank in ranks {
            try await sql.insert(into: "pli_ranks")
                .columns("deposit_id", "consultation_id", "rank", "agent_id", "recorded_at")
                .values(
                    SQLBind(rank.depositId), SQLBind(consultationID), SQLBind(rank.rank), SQLBind(rank.agentId),
                    SQLBind(rank.recordedAt)
                ).run()
        }
    }

    // MARK: - Openings

    /// Records an envelope downloaded for an offline opening; `false` when it already was.
    package func markOpenedOffline(deposit depositID: Int64, envelope: String, job: String, at time: Int64)
        async throws -> Bool
    {
        let existing = try await sql.select().column("deposit_id").from("offline_openings")
            .where("deposit_id", .equal, depositID).where("envelope", .equal, envelope).first()
        guard existing == nil else { return false }
        try await sql.insert(into: "offline_openings").columns("deposit_id", "envelope", "job_id", "opened_at")
            .values(SQLBind(depositID), SQLBind(envelope), SQLBind(job), SQLBind(time)).run()
        return true
    }

    /// Every opening of the deposits `depositIDs`, online and offline, oldest first.
    package func openings(of depositIDs: [Int64]) async throws -> [OpeningRecord] {
        guard !depositIDs.isEmpty else { return [] }
        struct Row: Codable {
            let depositId: Int64
            let envelope: String
            let jobId: String
            let openedAt: Int64
            let agentId: Int64
        }
        var records: [OpeningRecord] = []
        for (table, online) in [("envelope_openings", true), ("offline_openings", false)] {
            let rows = try await sql.select()
                .column(SQLColumn("deposit_id", table: table)).column(SQLColumn("envelope", table: table))
                .column(SQLColumn("job_id", table: table)).column(SQLColumn("opened_at", table: table))
                .column(SQLColumn("agent_id", table: "remote_jobs"))
                .from(table)
                .join(
                    "remote_jobs", on: SQLColumn("job_id", table: table), .equal,
                    SQLColumn("id", table: "remote_jobs")
                )
                .where(SQLColumn("deposit_id", table: table), .in, SQLBind.group(depositIDs))
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            records += rows.map {
                OpeningRecord(
                    depositId: $0.depositId, envelope: $0.envelope, jobId: $0.jobId, openedAt: $0.openedAt,
                    agentId: $0.agentId, online: online)
            }
        }
        return records.sorted { ($0.openedAt, $0.depositId, $0.envelope) < ($1.openedAt, $1.depositId, $1.envelope) }
    }
}
