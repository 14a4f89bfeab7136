import PlatformKernel
import SQLKit

/// What the quotas and the uploads' sweep need of deposits: deposits in progress counted, rows locked
/// against concurrent starts, announces and sweeps, and the files still uploading.
extension DepositRepository {
    /// One file of a deposit in progress whose upload is not stored yet.
    package struct UploadingFile: Codable, Sendable, Equatable {
        package let id: Int64
        package let depositId: Int64
        package let name: String
        package let uploadId: String

        package init(id: Int64, depositId: Int64, name: String, uploadId: String) {
            self.id = id
            self.depositId = depositId
            self.name = name
            self.uploadId = uploadId
        }
    }

    /// The company's deposits in progress, for one consultation or all: started since `activeSince`, or with a
    /// file still uploading (the sweep removes abandoned ones).
    package func inProgressCount(ofCompany companyID: Int64, consultation consultationID: Int64?, activeSince: Int64)
        async throws -> Int
    {
        var query: SQLQueryString = """
            SELECT COUNT(*) AS n FROM deposits d WHERE d.company_id = \(bind: companyID) \
            AND d.state = \(bind: Deposit.State.uploading.rawValue) \
            AND (d.started_at >= \(bind: activeSince) OR EXISTS \
            (SELECT 1 FROM deposit_files f WHERE f.deposit_id = d.id AND f.stored = 0))
            """
        if let consultationID { query += " AND d.consultation_id = \(bind: consultationID)" }
        return Int(try await sql.raw(query).first(decodingColumn: "n", as: Int64.self) ?? 0)
    }

    /// Locks the company's row until the transaction ends (PostgreSQL; SQLite's writers are serialised
    /// anyway): two deposits started at once are counted one after the other.
    package func lockCompany(_ companyID: Int64) async throws {
        _ = try await sql.select().column("id").from("companies").where("id", .equal, companyID).for(.update).first()
    }

    /// Locks the deposit's row until the transaction ends when it is in progress; `false` when it is not.
    package func lockInProgress(_ depositID: Int64) async throws -> Bool {
        try await sql.select().column("id").from("deposits").where("id", .equal, depositID)
            .where("state", .equal, Deposit.State.uploading.rawValue).for(.update).first() != nil
    }

    /// Every file of a deposit in progress not stored yet.
    package func uploadingFiles() async throws -> [UploadingFile] {
        let query: SQLQueryString = """
            SELECT f.id, f.deposit_id, f.name, f.upload_id FROM deposit_files f JOIN deposits d ON d.id = f.deposit_id \
            WHERE f.stored = 0 AND d.state = \(bind: Deposit.State.uploading.rawValue) ORDER BY f.id
            """
        return try await sql.raw(query).all(decoding: UploadingFile.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Removes files of a deposit that are not stored (their uploads abandoned); returns how many went.
    package func removeUnstored(files ids: [Int64], of depositID: Int64) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let present = try await sql.select().column("id").from("deposit_files").where("deposit_id", .equal, depositID)
            .where("id", .in, ids).where("stored", .equal, Int64(0)).all(decodingColumn: "id", as: Int64.self)
        guard !present.isEmpty else { return 0 }
        try await sql.delete(from: "deposit_files").where("id", .in, present).run()
        return present.count
    }
}
