import CoreSeal
import Foundation

/// What happened to one pli of a `decrypt` run, for the report.
struct DecryptionOutcome: Encodable {
    enum Status: String, Encodable {
        /// Opened and authenticated: the plaintext is in place.
        case opened
        /// The output exists already (an earlier run opened it): left as it is.
        case exists
        /// Not a sealed pli (a signature, a manifest…): left aside.
        case skipped
        /// Could not be opened; `error` says why and what to do. No output was written.
        case failed
    }

    let input: String
    let output: String
    let status: Status
    let size: Int64?
    let sha256: String?
    let error: String?

    /// Opens `item` unless its output exists, and says how it went.
    static func open(_ item: DecryptionPlan.Item, with opener: PliOpener) -> DecryptionOutcome {
        let input = item.input.path
        let output = item.output.path
        if FileManager.default.fileExists(atPath: output) {
            return DecryptionOutcome(
                input: input, output: output, status: .exists, size: nil, sha256: nil, error: nil)
        }
        do {
            try FileManager.default.createDirectory(
                at: item.output.deletingLastPathComponent(), withIntermediateDirectories: true)
            let digest = try opener.open(item.input, to: item.output)
            return DecryptionOutcome(
                input: input, output: output, status: .opened, size: digest.size, sha256: digest.sha256Hex,
                error: nil)
        } catch {
            var status = Status.failed
            if let seal = error as? SealError, case .notASealedPli = seal { status = .skipped }
            return DecryptionOutcome(
                input: input, output: output, status: status, size: nil, sha256: nil, error: "\(error)")
        }
    }

    /// One line for a terminal.
    var line: String {
        switch status {
        case .opened: "OK      \(input) -> \(output) (\(size ?? 0) bytes, SHA-256 \(sha256 ?? ""))"
        case .exists: "EXISTS  \(input) -> \(output) (opened earlier, kept)"
        case .skipped: "SKIPPED \(input): \(error ?? "")"
        case .failed: "FAILED  \(input): \(error ?? "")"
        }
    }
}
