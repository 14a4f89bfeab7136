import CoreCMS
import CorePDF
import CoreTokens
import Foundation

/// Verifies every signature of a PDF: the byte range (from 0, the gap exactly the /Contents string),
/// the CMS over the bytes it covers, streamed, and the signer as for CAdES. A signature followed by
/// later incremental updates is judged on its own revision, and says so.
public enum PAdESVerifier {
    public static func verify(pdf: URL, policy: VerificationPolicy) async -> [VerificationReport] {
        let document: PDFDocument
        let signatures: [PDFSignatureInfo]
        do {
            document = try PDFDocument(url: pdf)
            signatures = try document.signatures()
        } catch {
            return [VerificationReport(format: .pades, verdict: .indeterminate, reasons: ["\(error)"])]
        }
        guard !signatures.isEmpty else {
            return [
                VerificationReport(format: .pades, verdict: .indeterminate, reasons: ["the PDF holds no signature"])
            ]
        }
        var reports: [VerificationReport] = []
        for signature in signatures {
            reports.append(await verify(signature, in: document, policy: policy))
        }
        return reports
    }

    private static func verify(_ signature: PDFSignatureInfo, in document: PDFDocument, policy: VerificationPolicy)
        async -> VerificationReport
    {
        let field = signature.fieldName
        guard signature.startsAtZero, signature.gapIsContents else {
            return VerificationReport(
                format: .pades, verdict: .invalid,
                reasons: ["the byte range of \(field) does not cover the document exactly: it was tampered with"],
                field: field)
        }
        let signedData: CMSSignedData
        do {
            signedData = try CMSSignedData(contentInfo: signature.contents)
        } catch {
            return VerificationReport(format: .pades, verdict: .invalid, reasons: ["\(field): \(error)"], field: field)
        }
        let cms = CMSSignatureVerifier.verify(signedData) { algorithm in
            var hasher = algorithm.hasher()
            try document.signedBytes(of: signature) { hasher.update(bufferPointer: $0) }
            return hasher.finalize()
        }
        guard let first = cms.first else {
            return VerificationReport(format: .pades, verdict: .invalid, reasons: ["\(field): no signer"], field: field)
        }
        var report = await SignatureJudgement.judge(first, format: .pades, policy: policy)
        var notes: [String] = []
        if let subFilter = signature.subFilter, !["ETSI.CAdES.detached", "adbe.pkcs7.detached"].contains(subFilter) {
            notes.append("SubFilter \(subFilter) is not a PAdES baseline one")
        }
        if !signature.coversWholeFile {
            notes.append(
                "the document was updated after this signature (incremental update); the signature covers its own "
                    + "revision")
        }
        if report.claimedSigningTime == nil, let time = signature.signingTime.flatMap(PDFDateText.date) {
            report = report.with(claimedSigningTime: time)
        }
        return report.with(field: field, additionalReasons: notes)
    }
}

/// Reads a PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`).
enum PDFDateText {
    static func date(_ text: String) -> Date? {
        var body = text.hasPrefix("D:") ? String(text.dropFirst(2)) : text
        body = body.replacingOccurrences(of: "'", with: "")
        let digits = body.prefix { $0.isNumber }
        guard digits.count >= 14 else { return nil }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        let value = Array(digits)
        func number(_ range: Range<Int>) -> Int { Int(String(value[range])) ?? 0 }
        components.year = number(0..<4)
        components.month = number(4..<6)
        components.day = number(6..<8)
        components.hour = number(8..<10)
        components.minute = number(10..<12)
        components.second = number(12..<14)
        guard var date = components.date else { return nil }
        let rest = body.dropFirst(14)
        if let sign = rest.first, sign == "+" || sign == "-" {
            let offset = Array(rest.dropFirst().prefix(4))
            if offset.count == 4, let hours = Int(String(offset[0..<2])), let minutes = Int(String(offset[2..<4])) {
                let seconds = TimeInterval(hours * 3600 + minutes * 60)
                date = sign == "+" ? date.addingTimeInterval(-seconds) : date.addingTimeInterval(seconds)
            }
        }
        return date
    }
}
