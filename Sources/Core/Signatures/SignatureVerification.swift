import Foundation

/// Verifies a signed file whatever its format, recognised by its first bytes: a PDF (PAdES), a ZIP archive
/// (an ASiC-E container), an XML document (XAdES), or a CMS message (CAdES).
public enum SignatureVerification {
    /// One report per signature found.
    public static func verify(_ signed: URL, content: URL?, policy: VerificationPolicy) async -> [VerificationReport] {
        let head: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: signed)
            defer { try? handle.close() }
            head = Array(try handle.read(upToCount: 1024) ?? Data())
        } catch {
            return [
                VerificationReport(
                    format: .cades, verdict: .indeterminate,
                    reasons: ["\(signed.path) cannot be read: \(error.localizedDescription)"])
            ]
        }
        let text = String(decoding: head.prefix(1024), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("%PDF") || head.starts(with: Array("%PDF".utf8)) {
            return await PAdESVerifier.verify(pdf: signed, policy: policy)
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return await ASiCEVerifier.verify(container: signed, policy: policy)
        }
        if text.hasPrefix("<") || text.hasPrefix("\u{FEFF}<") {
            return [await XAdESSignatureVerifier.verify(signature: signed, content: content, policy: policy)]
        }
        return await CAdESVerifier.verify(signature: signed, content: content, policy: policy)
    }
}
