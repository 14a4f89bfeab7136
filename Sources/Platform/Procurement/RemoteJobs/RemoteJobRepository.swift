import CorePlatformAPI
import PlatformKernel
import SQLKit

/// Reads and writes remote jobs, the files they served, the plaintexts they sent back and the envelopes
/// they opened.
package struct RemoteJobRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Codable {
        package let id: String
        package let consultationId: Int64
        package let agentId: Int64
        package let kind: String
        package let descriptor: String
        package let tokenExpiresAt: Int64
        package let tokenClaimedAt: Int64?
        package let credentialExpiresAt: Int64?
        package let state: String
        package let step: Int64
        package let stepName: String
        package let percent: Double
        package let bytesPerSecond: Double?
        package let detail: String?
        package let error: String?
        package let bytesServed: Int64
        package let createdAt: Int64
        package let updatedAt: Int64
    }

    private static let columns = [
        "id", "consultation_id", "agent_id", "kind", "descriptor", "token_expires_at", "token_claimed_at",
        "credential_expires_at", "state", "step", "step_name", "percent", "bytes_per_second", "detail", "error",
        "bytes_served", "created_at", "updated_at",
    ]

    package func create(_ job: RemoteJob, tokenSHA256: String) async throws {
        try await sql.insert(into: "remote_jobs")
            .columns(
                "id", "consultation_id", "agent_id", "kind", "descriptor", "token_sha256", "token_expires_at", "state",
                "step", "step_name", "percent", "bytes_served", "created_at", "updated_at"
            )
            .values(
                SQLBind(job.id), SQLBind(job.consultationID), SQLBind(job.agentID), SQLBind(job.kind.rawValue),
                SQLBind(job.descriptorJSON), SQLBind(tokenSHA256), SQLBind(job.tokenExpiresAt),
                SQLBind(job.progress.state.rawValue), SQLBind(Int64(job.progress.step)), SQLBind(job.progress.stepName),
                SQLBind(job.progress.percent), SQLBind(job.bytesServed), SQLBind(job.createdAt), SQLBind(job.updatedAt)
            ).run()
    }

    package func find(_ id: String) async throws -> RemoteJob? {
        try await select().where("id", .equal, id)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    /// The job whose one-time token hashes to `tokenSHA256`.
    package func find(tokenSHA256: String) async throws -> RemoteJob? {
        try await select().where("token_sha256", .equal, tokenSHA256)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    /// The job whose credential hashes to `credentialSHA256`.
    package func find(credentialSHA256: String) async throws -> RemoteJob? {
        try await select().where("credential_sha256", .equal, credentialSHA256)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    /// The jobs of a consultation, newest first.
    package func jobs(of consultationID: Int64) async throws -> [RemoteJob] {
        try await select().where("consultation_id", .equal, consultationID).orderBy("created_at", .descending)
            .orderBy("id")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    /// Marks the token claimed and records the credential; `false` when it was claimed already (by a
    /// concurrent claim too: only one update finds the token unclaimed).
    package func claim(_ id: String, at time: Int64, credentialSHA256: String, expiresAt: Int64) async throws -> Bool {
        let rows = try await sql.update("remote_jobs").set("token_claimed_at", to: time)
            .set("credential_sha256", to: credentialSHA256).set("credential_expires_at", to: expiresAt)
            .set("updated_at", to: time)
            .where("id", .equal, id).where("token_claimed_at", .is, SQLLiteral.null)
            .returning("id").all(decodingColumn: "id", as: String.self)
        return rows.count == 1
    }

    package func update(_ id: String, progress: PlatformAPI.RemoteJobProgress, at time: Int64) async throws {
        try await sql.update("remote_jobs").set("state", to: progress.state.rawValue)
            .set("step", to: Int64(progress.step)).set("step_name", to: progress.stepName)
            .set("percent", to: progress.percent)
            .set("bytes_per_second", to: SQLBind(progress.bytesPerSecond))
            .set("detail", to: SQLBind(progress.detail)).set("error", to: SQLBind(progress.error))
            .set("updated_at", to: time).where("id", .equal, id).run()
    }

    package func addBytesServed(_ id: String, _ count: Int64) async throws {
        try await sql.raw("UPDATE remote_jobs SET bytes_served = bytes_served + \(bind: count) WHERE id = \(bind: id)")
            .run()
    }

    /// Records that the job served `fileID` for the first time; `false` when it had already.
    package func recordFirstServe(job id: String, file fileID: Int64, at time: Int64) async throws -> Bool {
        let seen = try await sql.select().column("file_id").from("remote_job_files").where("job_id", .equal, id)
            .where("file_id", .equal, fileID).first()
        guard seen == nil else { return false }
        try await sql.insert(into: "remote_job_files").columns("job_id", "file_id", "first_served_at")
            .values(SQLBind(id), SQLBind(fileID), SQLBind(time)).run()
        return true
    }

    // MARK: - Plaintexts

    /// The plaintext of one sealed file, decrypted by the platform with the key an online opening released.
    /// `uploadId` and `stored` date from when assistants uploaded plaintexts: rows are now written stored,
    /// with no upload (`""`); rows an older platform left unstored are ignored.
    package struct Plaintext: Codable, Sendable, Equatable {
        package let depositFileId: Int64
        package let jobId: String
        package let name: String
        package let size: Int64
        package let sha256: String
        package let uploadId: String
        package let stored: Int64
        package let storedAt: Int64?

        package init(
            depositFileId: Int64, jobId: String, name: String, size: Int64, sha256: String, uploadId: String,
            stored: Int64, storedAt: Int64?
        ) {
            self.depositFileId = depositFileId
            self.jobId = jobId
            self.name = name
            self.size = size
            self.sha256 = sha256
            self.uploadId = uploadId
            self.stored = stored
            self.storedAt = storedAt
        }

        package var isStored: Bool { stored != 0 }
    }

    package func plaintext(of fileID: Int64) async throws -> Plaintext? {
        try await sql.select()
            .columns("deposit_file_id", "job_id", "name", "size", "sha256", "upload_id", "stored", "stored_at")
            .from("plaintext_files").where("deposit_file_id", .equal, fileID)
            .first(decoding: Plaintext.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The plaintexts of the files `fileIDs`.
    package func plaintexts(of fileIDs: [Int64]) async throws -> [Plaintext] {
        guard !fileIDs.isEmpty else { return [] }
        return try await sql.select()
            .columns("deposit_file_id", "job_id", "name", "size", "sha256", "upload_id", "stored", "stored_at")
            .from("plaintext_files").where("deposit_file_id", .in, fileIDs)
            .all(decoding: Plaintext.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Records the plaintext of a sealed file, decrypted by the platform and stored (once per file).
    package func store(_ plaintext: Plaintext) async throws {
        try await sql.delete(from: "plaintext_files").where("deposit_file_id", .equal, plaintext.depositFileId)
            .where("stored", .equal, Int64(0)).run()
        try await sql.insert(into: "plaintext_files")
            .columns("deposit_file_id", "job_id", "name", "size", "sha256", "upload_id", "stored", "stored_at")
            .values(
                SQLBind(plaintext.depositFileId), SQLBind(plaintext.jobId), SQLBind(plaintext.name),
                SQLBind(plaintext.size), SQLBind(plaintext.sha256), SQLBind(plaintext.uploadId), SQLBind(Int64(1)),
                SQLBind(plaintext.storedAt)
            ).run()
    }

    // MARK: - Envelope openings

    /// The envelopes opened online, as (deposit, envelope) pairs, for the deposits `depositIDs`.
    package func openedEnvelopes(of depositIDs: [Int64]) async throws -> Set<EnvelopeKey> {
        guard !depositIDs.isEmpty else { return [] }
        struct Opened: Codable {
            let depositId: Int64
            let envelope: String

            package init(depositId: Int64, envelope: String) {
                self.depositId = depositId
                self.envelope = envelope
            }
        }
        return Set(
            try await sql.select().columns("deposit_id", "envelope").from("envelope_openings")
                .where("deposit_id", .in, depositIDs)
                .all(decoding: Opened.self, keyDecodingStrategy: .convertFromSnakeCase)
                .map { EnvelopeKey(depositID: $0.depositId, envelope: $0.envelope) })
    }

    /// Records an envelope opened online; `false` when it already was.
    package func markOpened(deposit depositID: Int64, envelope: String, job: String, at time: Int64) async throws
        -> Bool
    {
        guard try await openedEnvelopes(of: [depositID]).contains(EnvelopeKey(depositID: depositID, envelope: envelope))
        else {
            try await sql.insert(into: "envelope_openings").columns("deposit_id", "envelope", "job_id", "opened_at")
                .values(SQLBind(depositID), SQLBind(envelope), SQLBind(job), SQLBind(time)).run()
            return true
        }
        return false
    }

    /// One envelope of one deposit.
    package struct EnvelopeKey: Hashable, Sendable {
        package let depositID: Int64
        package let envelope: String

        package init(depositID: Int64, envelope: String) {
            self.depositID = depositID
            self.envelope = envelope
        }
    }

    private func select() -> SQLSelectBuilder {
        sql.select().columns(Self.columns).from("remote_jobs")
    }

    private static func model(_ row: Row) -> RemoteJob? {
        guard let kind = PlatformAPI.RemoteJobKind(rawValue: row.kind),
            let state = PlatformAPI.RemoteJobProgress.State(rawValue: row.state)
        else { return nil }
        return RemoteJob(
            id: row.id, consultationID: row.consultationId, agentID: row.agentId, kind: kind,
            descriptorJSON: row.descriptor, tokenExpiresAt: row.tokenExpiresAt, tokenClaimedAt: row.tokenClaimedAt,
            credentialExpiresAt: row.credentialExpiresAt,
            progress: PlatformAPI.RemoteJobProgress(
                state: state, step: Int(row.step), stepName: row.stepName, percent: row.percent,
                bytesPerSecond: row.bytesPerSecond, detail: row.detail, error: row.error),
            bytesServed: row.bytesServed, createdAt: row.createdAt, updatedAt: row.updatedAt)
    }
}
