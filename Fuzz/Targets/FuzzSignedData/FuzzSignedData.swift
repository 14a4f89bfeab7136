import CoreCMS
import CoreTokens
import FuzzDriver

// The CMS SignedData reader (CAdES signatures, the CMS inside a PAdES signature) on any bytes: parsing, every
// signer checked as a detached signature (a fixed content digest) and as an enveloping one, and re-encoding.

@main enum FuzzSignedData {
    static func main() { LibFuzzer.run(fuzzSignedData) }
}

func fuzzSignedData(_ bytes: [UInt8]) {
    guard let signedData = try? CMSSignedData(contentInfo: bytes) else { return }
    _ = signedData.parsedCertificates
    _ = CMSSignatureVerifier.verify(
        signedData,
        contentDigest: { algorithm in
            [UInt8](repeating: 0x5A, count: algorithm.length)
        })
    _ = CMSSignatureVerifier.verify(signedData, contentDigest: nil)
    _ = try? signedData.contentInfo()
}
