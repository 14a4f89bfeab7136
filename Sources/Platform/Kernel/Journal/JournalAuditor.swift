import CoreCMS
import CoreTokens
import Crypto
import Foundation

/// Verifies the journal against its checkpoints, as `journal verify` does: reads the checkpoints of the
/// database and of the export file, keeps those whose signature is the platform key's and whose time-stamp
/// (if any) is valid, then checks the chain against itself and against every kept checkpoint.
package struct JournalAuditor: Sendable {
    package let database: Database
    /// The platform's public key; `nil` when it cannot be had: checkpoints cannot be trusted then.
    package let publicKey: P256.Signing.PublicKey?
    /// The export file (`--journal-checkpoints FILE`), if given.
    package let file: JournalCheckpointFile?
    package var pageSize = JournalRepository.defaultPageSize

    package init(
        database: Database, publicKey: P256.Signing.PublicKey?, file: JournalCheckpointFile?,
        pageSize: Int = JournalRepository.defaultPageSize
    ) {
        self.database = database
        self.publicKey = publicKey
        self.file = file
        self.pageSize = pageSize
    }

    package func audit() async throws -> JournalAudit {
        var audit = JournalAudit(verification: .intact(count: 0, head: .genesis))
        audit.fileSource = file?.path
        // Checkpoints first, then the journal: every checkpoint read is then at or before the head read.
        let rows = try await database.session { sql in try await JournalCheckpointRepository(sql: sql).all() }
        audit.databaseCheckpoints = rows.count
        var trusted: [(checkpoint: JournalCheckpoint, source: JournalCheckpointSource)] = []
        let inDatabase = Set(rows.map(\.sequence))
        for (sequence, checkpoint) in rows {
            guard let checkpoint else {
                audit.problems.append(
                    "the checkpoint at entry \(sequence) in the database is unreadable: it was altered")
                continue
            }
            if checkpoint.first > 1 && !inDatabase.contains(checkpoint.first - 1) {
                audit.problems.append(
                    "the checkpoint at entry \(checkpoint.first - 1), before the one at entry \(sequence), is missing "
                        + "from the database: it was removed")
            }
            if check(checkpoint, from: .database, into: &audit) { trusted.append((checkpoint, .database)) }
        }
        if let file {
            let contents = try file.read()
            audit.fileCheckpoints = contents.checkpoints.count
            audit.warnings += contents.warnings
            for (checkpoint, line) in contents.checkpoints {
                let source = JournalCheckpointSource.file(path: file.path, line: line)
                guard check(checkpoint, from: source, into: &audit) else { continue }
                trusted.append((checkpoint, source))
                if !inDatabase.contains(checkpoint.sequence) {
                    audit.problems.append(
                        "the checkpoint at entry \(checkpoint.sequence) (\(source)) is missing from the database: "
                            + "it was removed")
                }
            }
        }
        if trusted.isEmpty {
            audit.warnings.append(
                "no valid checkpoint: the chain is only checked against itself, which a database writer can recompute")
        }
        if audit.unstamped > 0 {
            audit.warnings.append(
                "\(audit.unstamped) checkpoint(s) not time-stamped (the platform runs without serve --tsa): they "
                    + "are signed by the platform's key only, and its holder could sign others")
        }
        let checkpoints = trusted
        let pageSize = pageSize
        audit.verification = try await database.session { sql in
            try await JournalRepository(sql: sql).verify(pageSize: pageSize, checkpoints: checkpoints)
        }
        return audit
    }

    /// Whether `checkpoint` can be trusted: well formed, signed by the platform's key, its time-stamp (if
    /// any) valid over its signature. Records what is wrong, and the last trusted checkpoint.
    private func check(
        _ checkpoint: JournalCheckpoint, from source: JournalCheckpointSource, into audit: inout JournalAudit
    ) -> Bool {
        let name = "the checkpoint at entry \(checkpoint.sequence) (\(source))"
        guard checkpoint.isWellFormed else {
            audit.problems.append("\(name) is malformed: it was altered")
            return false
        }
        guard let publicKey else {
            audit.problems.append("\(name) cannot be checked: the platform's public key is unknown (give --public-key)")
            return false
        }
        guard checkpoint.isSigned(by: publicKey) else {
            audit.problems.append("\(name) does not bear the platform's signature: it was forged or altered")
            return false
        }
        var stampedAt: Date?
        var authority: String?
        if let token = checkpoint.timestampToken {
            let report = CMSSignatureVerifier.verifyTimestamp(token) { Self.digest(checkpoint.signature, $0) }
            if let failure = report.problems.first {
                audit.problems.append("\(name) has an invalid time-stamp: \(failure)")
                return false
            }
            stampedAt = report.time
            authority = report.authority.map { String(describing: $0.subject) }
        } else {
            audit.unstamped += 1
        }
        if checkpoint.sequence >= audit.last?.sequence ?? 0 {
            audit.last = (checkpoint.sequence, checkpoint.time, stampedAt, authority)
        }
        return true
    }

    private static func digest(_ bytes: [UInt8], _ algorithm: DigestAlgorithm) -> [UInt8] {
        switch algorithm {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha384: Array(SHA384.hash(data: bytes))
        case .sha512: Array(SHA512.hash(data: bytes))
        }
    }
}
