import Logging
import PlatformKernel

/// Removes what deposits and online openings abandoned, once untouched for ``age`` seconds (`serve
/// --abandoned-upload-age`):
/// - chunked uploads not completed, with the rows waiting for them — a deposit's files are removed only when
///   none of the deposit's uploads was touched, and the deposit stays, in progress and readable;
/// - temporary files of the file store (`files/tmp`) left by interrupted writes;
/// - stored files no row names (a file refused at completion, a DCE refused…), never one a row or the journal
///   names.
///
/// Safe with several nodes sharing the data directory: only what nobody touched for the whole age goes, and a
/// deposit's files go under the deposit's row lock, which a completion takes too.
package struct UploadSweep: Sendable {
    /// Two days.
    package static let defaultAge: Int64 = 48 * 3600

    package let database: Database
    package let files: FileStore
    package let uploads: ChunkedUploads
    package var age: Int64 = defaultAge

    package init(database: Database, files: FileStore, uploads: ChunkedUploads, age: Int64 = defaultAge) {
        self.database = database
        self.files = files
        self.uploads = uploads
        self.age = age
    }

    /// What one sweep removed.
    package struct Report: Sendable, Equatable {
        package var uploads = 0
        package var depositFiles = 0
        package var plaintexts = 0
        package var temporaryFiles = 0
        package var storedFiles = 0
        package var failures = 0
    }

    package func run(now: Int64 = Timestamp.now(), logger: Logger = Logger(label: "sceau-platform")) async throws
        -> Report
    {
        let cutoff = now - age
        var report = Report()
        let stale = try await uploads.identifiers(untouchedSince: cutoff)
        let fresh = Set(try await uploads.identifiers()).subtracting(stale)
        let staleSet = Set(stale)
        // Deposits whose every upload still waited for is stale (or gone) lose those files.
        let uploading = try await database.session { sql in try await DepositRepository(sql: sql).uploadingFiles() }
        let byDeposit = Dictionary(grouping: uploading, by: \.depositId)
        for (depositID, files) in byDeposit.sorted(by: { $0.key < $1.key })
        where !files.contains(where: { fresh.contains($0.uploadId) }) {
            let abandoned = files.filter { staleSet.contains($0.uploadId) }
            guard !abandoned.isEmpty else { continue }
            report.depositFiles += try await database.transaction { sql in
                let repository = DepositRepository(sql: sql)
                guard try await repository.lockInProgress(depositID) else { return 0 }
                let removed = try await repository.removeUnstored(files: abandoned.map(\.id), of: depositID)
                guard removed > 0 else { return 0 }
                let deposit = try await repository.find(depositID)
                var entityID: Int64?
                if let consultation = try await ConsultationRepository(sql: sql).find(id: deposit?.consultationID ?? 0)
                {
                    entityID = try await DepositService.entityID(of: consultation, sql: sql)
                }
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .system, entityID: entityID,
                        subject: .deposit(depositID), action: .depositFilesAbandoned,
                        details: [
                            "files": abandoned.map(\.name).sorted().joined(separator: ", "),
                            "untouched-hours": String(age / 3600),
                        ]))
                return removed
            }
        }
        report.plaintexts = try await database.transaction { sql in
            try await UploadSweepRepository(sql: sql).removeUnstoredPlaintexts(uploads: stale)
        }
        let awaited = try await database.session { sql in
            try await UploadSweepRepository(sql: sql).awaitedUploads(among: stale)
        }
        for id in stale where !awaited.contains(id) {
            do {
                try await uploads.discard(id: id)
                report.uploads += 1
            } catch {
                report.failures += 1
                logger.error("The abandoned upload \(id) could not be removed: \(error)")
            }
        }
        report.temporaryFiles = try await files.removeAbandonedFiles(untouchedSince: cutoff)
        let orphans = try await removeOrphans(untouchedSince: cutoff, logger: logger)
        report.storedFiles = orphans.removed
        report.failures += orphans.failures
        return report
    }

    /// Removes the stored files untouched since `cutoff` that no row and no DCE of the journal names.
    private func removeOrphans(untouchedSince cutoff: Int64, logger: Logger) async throws
        -> (removed: Int, failures: Int)
    {
        // Listed before the rows are read: a file stored after the listing is not a candidate.
        let candidates = try await files.files(untouchedSince: cutoff)
        guard !candidates.isEmpty else { return (0, 0) }
        let referenced = try await database.session { sql in
            try await UploadSweepRepository(sql: sql).referencedFiles()
        }
        var removed = 0
        var failures = 0
        for hash in candidates where !referenced.contains(hash.hex) {
            let named = try await database.session { sql in
                try await UploadSweepRepository(sql: sql).journalNamesDCE(hash)
            }
            guard !named else { continue }
            do {
                if try await files.remove(hash, untouchedSince: cutoff) { removed += 1 }
            } catch {
                failures += 1
                logger.error("The orphan stored file \(hash) could not be removed: \(error)")
            }
        }
        return (removed, failures)
    }
}
