import PlatformKernel
import SQLKit

/// The `deposit_jobs` table: tokens and credentials of deposits handed to the company's assistant.
package struct DepositJobRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// Records a new job whose one-time token hashes to `tokenSHA256`.
    package func create(
        id: String, bidderID: Int64, consultationID: Int64, tokenSHA256: String, tokenExpiresAt: Int64, at now: Int64
    ) async throws {
        try await sql.insert(into: "deposit_jobs")
            .columns(
                "id", "bidder_id", "consultation_id", "token_sha256", "token_expires_at", "created_at"
            )
            .values(
                SQLBind(id), SQLBind(bidderID), SQLBind(consultationID), SQLBind(tokenSHA256), SQLBind(tokenExpiresAt),
                SQLBind(now)
            )
            .run()
    }

    /// Trades the token for a credential, once: nil when the token is not this job's, was claimed, or
    /// expired; otherwise the job's bidder and consultation. The update is the check, so two claims racing
    /// get one credential.
    package func claim(
        id: String, tokenSHA256: String, credentialSHA256: String, credentialExpiresAt: Int64, at now: Int64
    ) async throws -> (bidderID: Int64, consultationID: Int64)? {
        struct Row: Codable {
            let bidderId: Int64
            let consultationId: Int64

            package init(bidderId: Int64, consultationId: Int64) {
                self.bidderId = bidderId
                self.consultationId = consultationId
            }
        }
        let row = try await sql.raw(
            """
            UPDATE deposit_jobs SET claimed_at = \(bind: now), credential_sha256 = \(bind: credentialSHA256),
            credential_expires_at = \(bind: credentialExpiresAt)
            WHERE id = \(bind: id) AND token_sha256 = \(bind: tokenSHA256) AND claimed_at IS NULL
            AND token_expires_at > \(bind: now) RETURNING bidder_id, consultation_id
            """
        ).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return row.map { ($0.bidderId, $0.consultationId) }
    }

    /// The company's bidder a live credential stands for, scoped to the job's consultation.
    package func signedIn(credentialSHA256: String, at now: Int64) async throws -> SignedInBidder? {
        struct Row: Codable {
            let jobId: String
            let consultationId: Int64
            let bidderId: Int64

            package init(jobId: String, consultationId: Int64, bidderId: Int64) {
                self.jobId = jobId
                self.consultationId = consultationId
                self.bidderId = bidderId
            }
        }
        let query: SQLQueryString = """
            SELECT id AS job_id, consultation_id, bidder_id FROM deposit_jobs
            WHERE credential_sha256 = \(bind: credentialSHA256) AND credential_expires_at > \(bind: now)
            """
        guard let row = try await sql.raw(query).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase),
            let signedIn = try await CompanyRepository(sql: sql).signedIn(bidderID: row.bidderId)
        else { return nil }
        var scoped = signedIn
        scoped.depositJob = DepositJobScope(jobID: row.jobId, consultationID: row.consultationId)
        return scoped
    }
}
