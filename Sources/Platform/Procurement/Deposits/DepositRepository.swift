import PlatformKernel
import SQLKit

/// Reads and writes deposits, their files, and the DCE downloads.
package struct DepositRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct DepositRow: Codable {
        package let id: Int64
        package let consultationId: Int64
        package let companyId: Int64
        package let bidderId: Int64
        package let state: String
        package let startedAt: Int64
        package let completedAt: Int64?
    }

    private struct FileRow: Codable {
        package let id: Int64
        package let depositId: Int64
        package let envelope: String
        package let name: String
        package let size: Int64
        package let sha256: String
        package let chunkSize: Int64
        package let uploadId: String
        package let stored: Int64
    }

    package func create(_ deposit: Deposit) async throws -> Deposit {
        let id = try await sql.insert(into: "deposits")
            .columns("consultation_id", "company_id", "bidder_id", "state", "started_at")
            .values(
                SQLBind(deposit.consultationID), SQLBind(deposit.companyID), SQLBind(deposit.bidderID),
                SQLBind(deposit.state.rawValue), SQLBind(deposit.startedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = deposit
        saved.id = id
        return saved
    }

    package func find(_ id: Int64) async throws -> Deposit? {
        try await depositSelect().where("id", .equal, id)
            .first(decoding: DepositRow.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    /// Every deposit of a consultation, oldest first (the registre des dépôts).
    package func deposits(of consultationID: Int64) async throws -> [Deposit] {
        try await depositSelect().where("consultation_id", .equal, consultationID).orderBy("id")
            .all(decoding: DepositRow.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    /// Every deposit of a company, newest first.
    package func deposits(ofCompany companyID: Int64) async throws -> [Deposit] {
        try await depositSelect().where("company_id", .equal, companyID).orderBy("id", .descending)
            .all(decoding: DepositRow.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    /// A deposit and one of its files in one query: what receiving a chunk needs.
    package func uploadTarget(deposit depositID: Int64, file fileID: Int64) async throws -> (Deposit, DepositFile)? {
        struct Row: Codable {
            let consultationId: Int64
            let companyId: Int64
            let bidderId: Int64
            let state: String
            let startedAt: Int64
            let envelope: String
            let name: String
            let size: Int64
            let sha256: String
            let chunkSize: Int64
            let uploadId: String
            let stored: Int64

            package init(
                consultationId: Int64, companyId: Int64, bidderId: Int64, state: String, startedAt: Int64,
                envelope: String, name: String, size: Int64, sha256: String, chunkSize: Int64, uploadId: String,
                stored: Int64
            ) {
                self.consultationId = consultationId
                self.companyId = companyId
                self.bidderId = bidderId
                self.state = state
                self.startedAt = startedAt
                self.envelope = envelope
                self.name = name
                self.size = size
                self.sha256 = sha256
                self.chunkSize = chunkSize
                self.uploadId = uploadId
                self.stored = stored
            }
        }
        let query: SQLQueryString = """
            SELECT d.consultation_id, d.company_id, d.bidder_id, d.state, d.started_at, f.envelope, f.name, f.size,
            f.sha256, f.chunk_size, f.upload_id, f.stored FROM deposits d JOIN deposit_files f ON f.deposit_id = d.id
            WHERE d.id = \(bind: depositID) AND f.id = \(bind: fileID)
            """
        guard let row = try await sql.raw(query).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase),
            let state = Deposit.State(rawValue: row.state), let envelope = ConsultationEnvelope(rawValue: row.envelope)
        else { return nil }
        return (
            Deposit(
                id: depositID, consultationID: row.consultationId, companyID: row.companyId, bidderID: row.bidderId,
                state: state, startedAt: row.startedAt),
            DepositFile(
                id: fileID, depositID: depositID, envelope: envelope, name: row.name, size: row.size,
                sha256: row.sha256,
                chunkSize: Int(row.chunkSize), uploadID: row.uploadId, stored: row.stored != 0)
        )
    }

    package func addFile(_ file: DepositFile) async throws -> DepositFile {
        let id = try await sql.insert(into: "deposit_files")
            .columns("deposit_id", "envelope", "name", "size", "sha256", "chunk_size", "upload_id", "stored")
            .values(
                SQLBind(file.depositID), SQLBind(file.envelope.rawValue), SQLBind(file.name), SQLBind(file.size),
                SQLBind(file.sha256), SQLBind(Int64(file.chunkSize)), SQLBind(file.uploadID),
                SQLBind(Int64(file.stored ? 1 : 0))
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = file
        saved.id = id
        return saved
    }

    package func files(of depositID: Int64) async throws -> [DepositFile] {
        try await sql.select()
            .columns("id", "deposit_id", "envelope", "name", "size", "sha256", "chunk_size", "upload_id", "stored")
            .from("deposit_files").where("deposit_id", .equal, depositID).orderBy("id")
            .all(decoding: FileRow.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    /// Removes a file from its deposit (refused at completion); its stored bytes stay in the content-addressed store.
    package func remove(file id: Int64) async throws {
        try await sql.delete(from: "deposit_files").where("id", .equal, id).run()
    }

    package func markStored(file id: Int64) async throws {
        try await sql.update("deposit_files").set("stored", to: Int64(1)).where("id", .equal, id).run()
    }

    /// The complete (not superseded) deposits of a company for a consultation, but `id`: the ones a new
    /// complete deposit replaces.
    package func completeDeposits(of companyID: Int64, for consultationID: Int64, except id: Int64) async throws
        -> [Int64]
    {
        try await sql.select().column("id").from("deposits")
            .where("consultation_id", .equal, consultationID).where("company_id", .equal, companyID)
            .where("state", .equal, Deposit.State.complete.rawValue).where("id", .notEqual, id).orderBy("id")
            .all(decodingColumn: "id", as: Int64.self)
    }

    /// Marks the deposit complete with its receipt, and every earlier complete deposit of the same company
    /// for the same consultation superseded; returns the identifiers superseded.
    package func complete(_ deposit: Deposit, at time: Int64, receipt: String, timestampToken: String?) async throws
        -> [Int64]
    {
        guard let id = deposit.id else { return [] }
        let earlier = try await completeDeposits(of: deposit.companyID, for: deposit.consultationID, except: id)
        if !earlier.isEmpty {
            try await sql.update("deposits").set("state", to: Deposit.State.superseded.rawValue)
                .where("id", .in, earlier).run()
        }
        try await sql.update("deposits").set("state", to: Deposit.State.complete.rawValue)
            .set("completed_at", to: time).set("receipt_json", to: receipt)
            .set("timestamp_token", to: timestampToken.map { SQLBind($0) } ?? SQLBind(String?.none))
            .where("id", .equal, id).where("state", .equal, Deposit.State.uploading.rawValue).run()
        return earlier
    }

    /// Records the RFC 3161 token (base64) of a complete deposit's receipt, obtained after its completion.
    package func setTimestampToken(_ token: String, of id: Int64) async throws {
        try await sql.update("deposits").set("timestamp_token", to: token).where("id", .equal, id)
            .where("timestamp_token", .is, SQLLiteral.null).run()
    }

    /// The receipt of a complete deposit and its RFC 3161 token (base64), if any.
    package func receipt(of id: Int64) async throws -> (json: String, timestampToken: String?)? {
        guard
            let row = try await sql.select().columns("receipt_json", "timestamp_token").from("deposits")
                .where("id", .equal, id).first(),
            let json = try row.decodeNil(column: "receipt_json")
                ? nil : row.decode(column: "receipt_json", as: String.self)
        else { return nil }
        let token =
            try row.decodeNil(column: "timestamp_token") ? nil : row.decode(column: "timestamp_token", as: String.self)
        return (json, token)
    }

    /// Records a DCE download in the registre des retraits.
    package func recordDownload(consultationID: Int64, companyID: Int64?, bidderID: Int64?, at time: Int64) async throws
    {
        try await sql.insert(into: "dce_downloads")
            .columns("consultation_id", "company_id", "bidder_id", "downloaded_at")
            .values(SQLBind(consultationID), SQLBind(companyID), SQLBind(bidderID), SQLBind(time)).run()
    }

    /// One line of the registre des retraits.
    package struct Download: Codable, Sendable {
        package let downloadedAt: Int64
        package let companyName: String?
        package let siret: String?
        package let email: String?
        /// What was taken (`dce`, `dce-partiel`, `reglement`, `autres`); `nil` for the whole DCE (older lines).
        package let document: String?
        /// The files chosen in a partial download, one per line.
        package let entries: String?

        package init(
            downloadedAt: Int64, companyName: String?, siret: String?, email: String?, document: String? = nil,
            entries: String? = nil
        ) {
            self.downloadedAt = downloadedAt
            self.companyName = companyName
            self.siret = siret
            self.email = email
            self.document = document
            self.entries = entries
        }

        /// « DCE complet », « DCE (partiel) », « Règlement de consultation », « Autres pièces ».
        package var documentLabel: String {
            switch document {
            case "dce-partiel": "DCE (partiel)"
            case let kind?:
                ConsultationDocumentKind(rawValue: kind).map { $0 == .dce ? "DCE complet" : $0.label } ?? kind
            case nil: "DCE complet"
            }
        }
    }

    package func downloads(of consultationID: Int64) async throws -> [Download] {
        try await sql.select()
            .column(SQLColumn("downloaded_at", table: "d"))
            .column(SQLColumn("name", table: "c"), as: "company_name")
            .column(SQLColumn("siret", table: "c"))
            .column(SQLColumn("email", table: "b"))
            .column(SQLColumn("document", table: "d"))
            .column(SQLColumn("entries", table: "d"))
            .from(SQLAlias(SQLIdentifier("dce_downloads"), as: SQLIdentifier("d")))
            .join(
                SQLAlias(SQLIdentifier("companies"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
                on: SQLColumn("company_id", table: "d"), .equal, SQLColumn("id", table: "c")
            )
            .join(
                SQLAlias(SQLIdentifier("bidders"), as: SQLIdentifier("b")), method: SQLJoinMethod.left,
                on: SQLColumn("bidder_id", table: "d"), .equal, SQLColumn("id", table: "b")
            )
            .where(SQLColumn("consultation_id", table: "d"), .equal, SQLBind(consultationID))
            .orderBy(SQLColumn("id", table: "d"))
            .all(decoding: Download.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    private func depositSelect() -> SQLSelectBuilder {
        sql.select()
            .columns("id", "consultation_id", "company_id", "bidder_id", "state", "started_at", "completed_at")
            .from("deposits")
    }

    private static func model(_ row: DepositRow) -> Deposit? {
        guard let state = Deposit.State(rawValue: row.state) else { return nil }
        return Deposit(
            id: row.id, consultationID: row.consultationId, companyID: row.companyId, bidderID: row.bidderId,
            state: state, startedAt: row.startedAt, completedAt: row.completedAt)
    }

    private static func model(_ row: FileRow) -> DepositFile? {
        guard let envelope = ConsultationEnvelope(rawValue: row.envelope) else { return nil }
        return DepositFile(
            id: row.id, depositID: row.depositId, envelope: envelope, name: row.name, size: row.size,
            sha256: row.sha256, chunkSize: Int(row.chunkSize), uploadID: row.uploadId, stored: row.stored != 0)
    }
}
