import Foundation

/// What `journal verify` found: the chain checked against itself and against every checkpoint that
/// passed its checks, the checkpoints' own problems (which fail the verification), and warnings.
package struct JournalAudit: Sendable, CustomStringConvertible {
    package var verification: JournalVerification
    /// Checkpoints read from the database and from the export file, valid or not.
    package var databaseCheckpoints = 0
    package var fileCheckpoints = 0
    /// Valid checkpoints without a time-stamp token.
    package var unstamped = 0
    /// The last valid checkpoint: its entry, its time, and its time-stamp's time and authority if any.
    package var last: (sequence: Int64, time: Int64, stampedAt: Date?, authority: String?)?
    /// Checkpoints that are forged, altered or removed: the verification fails.
    package var problems: [String] = []
    package var warnings: [String] = []

    package var isIntact: Bool {
        if case .intact = verification { return problems.isEmpty }
        return false
    }

    package var description: String {
        var lines = [verification.description]
        var summary = "checkpoints: \(databaseCheckpoints) in the database"
        if let file = fileSource { summary += ", \(fileCheckpoints) in \(file)" }
        if let last {
            summary += "; the last at entry \(last.sequence), taken \(Self.text(last.time))"
            if let stampedAt = last.stampedAt {
                summary += ", time-stamped \(Self.text(Int64(stampedAt.timeIntervalSince1970)))"
                if let authority = last.authority { summary += " by \(authority)" }
            }
        }
        lines.append(summary)
        lines += problems.map { "problem: " + $0 }
        lines += warnings.map { "warning: " + $0 }
        return lines.joined(separator: "\n")
    }

    /// The export file's path, when one was given.
    package var fileSource: String?

    private static func text(_ time: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
    }
}
