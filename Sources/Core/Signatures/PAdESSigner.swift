import CoreCMS
import CorePDF
import CoreTokens
import Foundation
import SwiftASN1

/// Makes PAdES baseline signatures (ETSI EN 319 142-1): an incremental update adding a signature field
/// whose /Contents holds a CAdES detached signature (SubFilter ETSI.CAdES.detached) over the exact
/// /ByteRange, streamed; the signing time is the PDF's /M, not a CMS attribute. At level B-T the CMS
/// carries a signature-time-stamp.
struct PAdESSigner {
    let signer: CAdESSigner

    init(
        key: any SigningKey, digestAlgorithm: DigestAlgorithm, scheme: SignatureScheme?,
        timestampClient: TimestampClient?
    )
        throws
    {
        signer = try CAdESSigner(
            key: key, digestAlgorithm: digestAlgorithm, scheme: scheme, includesSigningTime: false,
            timestampClient: timestampClient)
    }

    /// Signs the PDF `input` into `output` (written under a temporary name, renamed when complete).
    func sign(_ input: URL, to output: URL, at time: Date) async throws {
        try Self.checkIsPDF(input)
        var reserved = try estimatedSize()
        for _ in 0..<2 {
            let preparation = try PDFSignaturePreparation(
                input: input, output: output,
                options: PDFSignatureOptions(
                    reservedSize: reserved, signingTime: time,
                    signerName: signer.key.certificate.subject.commonName))
            do {
                var hasher = signer.digestAlgorithm.hasher()
                try preparation.signedBytes { hasher.update(bufferPointer: $0) }
                let signature = try await signer.signDetached(contentDigest: hasher.finalize(), at: time)
                guard signature.count <= reserved else {
                    // A time-stamp larger than foreseen: prepare again with room for it.
                    preparation.abandon()
                    reserved = signature.count + 4096
                    continue
                }
                try preparation.embed(signature: signature)
                try preparation.commit()
                return
            } catch {
                preparation.abandon()
                throw error
            }
        }
        throw SignatureError.outputFailed(path: output.path, reason: "the signature did not fit its reserved space")
    }

    /// Room for the CMS: the certificates, the signature value, the attributes, and a time-stamp token.
    private func estimatedSize() throws -> Int {
        var certificates = 0
        for certificate in [signer.key.certificate] + signer.key.chain {
            var coder = DER.Serializer()
            try coder.serialize(certificate)
            certificates += coder.serializedBytes.count
        }
        return certificates + 4096 + (signer.timestampClient == nil ? 0 : 12288)
    }

    /// Refuses what is not a PDF before writing anything.
    static func checkIsPDF(_ file: URL) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let head = Array(try handle.read(upToCount: 1024) ?? Data())
        let marker = Array("%PDF-".utf8)
        let found = head.indices.contains { start in
            start + marker.count <= head.count && Array(head[start..<(start + marker.count)]) == marker
        }
        guard found else { throw SignatureError.unsuitableFile(path: file.path, reason: "it is not a PDF") }
    }
}
