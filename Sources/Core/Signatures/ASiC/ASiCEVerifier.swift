import CoreTokens
import CoreXML
import CoreZIP
import Foundation

/// Verifies an ASiC-E container: every `META-INF/*signatures*.xml` file's XAdES signature, its references
/// resolved to the container's entries (streamed, never extracted). A file a signature names that the
/// container lacks (removed or renamed) is an alteration; so is a file no signature covers (added), which
/// every report names. The archive itself is read without trusting it (``ZIPReader``).
public enum ASiCEVerifier {
    /// The largest signature file read.
    static let maximumSignatureSize = 10_000_000

    /// One report per signature file.
    public static func verify(container: URL, policy: VerificationPolicy) async -> [VerificationReport] {
        let reader: ZIPReader
        do throws(ZIPArchiveError) {
            reader = try ZIPReader(fileAt: container)
        } catch {
            let verdict: VerificationVerdict = if case .unreadable = error { .indeterminate } else { .invalid }
            return [VerificationReport(format: .asice, verdict: verdict, reasons: [error.description])]
        }
        let notes = structureProblems(reader)
        let signatureEntries = reader.entries.filter { ASiCE.isSignatureEntry($0.name) }
        let dataEntries = reader.entries.filter { ASiCE.isDataEntry($0.name) }
        guard !signatureEntries.isEmpty else {
            return [
                VerificationReport(
                    format: .asice, verdict: .indeterminate,
                    reasons: notes + ["the container holds no XAdES signature (META-INF/signatures*.xml)"],
                    signedFiles: [], unsignedFiles: dataEntries.map(\.name))
            ]
        }
        var byName: [String: ZIPArchiveEntry] = [:]
        for entry in reader.entries where !entry.isDirectory {
            byName[entry.name.precomposedStringWithCanonicalMapping] = entry
        }

        var found: [(entry: ZIPArchiveEntry, report: VerificationReport, files: [String], missing: [String])] = []
        for signatureEntry in signatureEntries {
            let bytes: [UInt8]
            do {
                bytes = try reader.contents(of: signatureEntry, maximumSize: maximumSignatureSize)
            } catch {
                let report = VerificationReport(
                    format: .asice, verdict: .indeterminate, reasons: ["\(error)"], field: signatureEntry.name)
                found.append((signatureEntry, report, [], []))
                continue
            }
            let check = XAdESVerifier.verify(bytes, location: nil, content: nil) { name, algorithm in
                guard let entry = byName[name.precomposedStringWithCanonicalMapping],
                    !ASiCE.isSignatureEntry(entry.name)
                else { return nil }
                var hasher = algorithm.hasher()
                try reader.stream(entry) { hasher.update(bufferPointer: $0) }
                return hasher.finalize()
            }
            var missing: [String] = []
            var invalid: [String] = []
            var indeterminate: [String] = []
            for problem in check.problems {
                if case .contentMissing(let name) = problem {
                    missing.append(name)
                } else if problem.isIndeterminate {
                    indeterminate.append(problem.description)
                } else {
                    invalid.append(problem.description)
                }
            }
            invalid += missing.map {
                "the signed file \"\($0)\" is not in the container: it was removed or renamed after signing"
            }
            let evidence = SignatureEvidence(
                signer: check.signer, certificates: check.certificates, claimedSigningTime: check.claimedSigningTime,
                timestamp: check.timestamp, invalidReasons: invalid, indeterminateReasons: indeterminate + notes)
            let report = await SignatureJudgement.judge(evidence, format: .asice, policy: policy)
            found.append((signatureEntry, report, check.signedFiles, missing))
        }

        let covered = Set(
            found.flatMap { signature in
                signature.files.filter { !signature.missing.contains($0) }.map {
                    $0.precomposedStringWithCanonicalMapping
                }
            })
        let unsigned = dataEntries.map(\.name).filter { !covered.contains($0.precomposedStringWithCanonicalMapping) }
        let unsignedReasons =
            unsigned.isEmpty
            ? []
            : [
                "the container holds files no signature covers (added after signing?): "
                    + unsigned.map { "\"\($0)\"" }.joined(separator: ", ") + "; they are not signed"
            ]
        return found.map { signature in
            signature.report.inContainer(
                signatureFile: signature.entry.name, signedFiles: signature.files, unsignedFiles: unsigned,
                invalidReasons: unsignedReasons)
        }
    }

    /// What keeps the archive from being a conforming ASiC-E container, though its signatures may hold:
    /// `mimetype` first, stored, without extra field, holding the ASiC-E MIME type.
    static func structureProblems(_ reader: ZIPReader) -> [String] {
        guard let first = reader.entries.first, first.name == ASiCE.mimeTypeEntry else {
            return ["the container's first entry is not \"mimetype\": it is not a conforming ASiC-E container"]
        }
        var problems: [String] = []
        if first.method != 0 { problems.append("the \"mimetype\" entry is compressed; ASiC-E requires it stored") }
        if (try? reader.localExtraFieldLength(of: first)) != 0 {
            problems.append("the \"mimetype\" entry carries an extra field; ASiC-E forbids it")
        }
        if (try? reader.contents(of: first, maximumSize: 256)) != Array(ASiCE.mimeType.utf8) {
            problems.append("the \"mimetype\" entry does not hold \(ASiCE.mimeType)")
        }
        return problems
    }
}
