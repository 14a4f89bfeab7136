import PlatformKernel
import SQLKit

/// What the uploads' sweep asks the database: which stored files rows still name, and which uploads rows
/// still wait for. Every table with a column naming a stored file by its SHA-256 is listed in
/// ``blobColumns``: a table added without being listed there would lose its files to the sweep.
package struct UploadSweepRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The columns that name a stored file (``FileStore``) by its SHA-256.
    package static let blobColumns: [(table: String, column: String)] = [
        ("deposit_files", "sha256"), ("plaintext_files", "sha256"), ("consultations", "dce_sha256"),
        ("consultation_documents", "sha256"), ("citizen_documents", "sha256"), ("message_files", "sha256"),
        ("legal_documents", "sha256"), ("support_attachments", "sha256"),
    ]

    /// The SHA-256 (lowercase hex) of every stored file a row names.
    package func referencedFiles() async throws -> Set<String> {
        var hashes = Set<String>()
        for (table, column) in Self.blobColumns {
            let rows = try await sql.select().distinct().column(SQLColumn(column), as: "h").from(table)
                .where(SQLColumn(column), .isNot, SQLLiteral.null).all(decodingColumn: "h", as: String.self)
            hashes.formUnion(rows.map { $0.lowercased() })
        }
        return hashes
    }

    /// Whether the journal names the file as a DCE once attached (a replaced DCE is kept: bidders may have
    /// answered it).
    package func journalNamesDCE(_ hash: ContentHash) async throws -> Bool {
        try await sql.select().column("sequence").from("journal")
            .where("action", .equal, "consultation.dce-attached")
            .where("details", .like, "%\(hash.hex)%").limit(1).first() != nil
    }

    /// Removes the online openings' plaintexts still uploading into `uploadIDs`; returns how many went.
    package func removeUnstoredPlaintexts(uploads uploadIDs: [String]) async throws -> Int {
        guard !uploadIDs.isEmpty else { return 0 }
        let ids = try await sql.select().column("deposit_file_id").from("plaintext_files")
            .where("upload_id", .in, uploadIDs).where("stored", .equal, Int64(0))
            .all(decodingColumn: "deposit_file_id", as: Int64.self)
        guard !ids.isEmpty else { return 0 }
        try await sql.delete(from: "plaintext_files").where("deposit_file_id", .in, ids)
            .where("stored", .equal, Int64(0)).run()
        return ids.count
    }

    /// The uploads among `uploadIDs` that a row not stored yet still waits for.
    package func awaitedUploads(among uploadIDs: [String]) async throws -> Set<String> {
        guard !uploadIDs.isEmpty else { return [] }
        var awaited = Set<String>()
        for table in ["deposit_files", "plaintext_files"] {
            awaited.formUnion(
                try await sql.select().column("upload_id").from(table).where("upload_id", .in, uploadIDs)
                    .where("stored", .equal, Int64(0)).all(decodingColumn: "upload_id", as: String.self))
        }
        return awaited
    }
}
