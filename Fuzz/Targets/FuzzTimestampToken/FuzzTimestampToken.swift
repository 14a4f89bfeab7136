import CoreTokens
import FuzzDriver

@testable import CoreCMS

// RFC 3161 on any bytes: a TSA's answer (TimeStampResp) as the client reads it, the token inside (a SignedData
// holding a TSTInfo), and the token's verification against a fixed stamped digest.

@main enum FuzzTimestampToken {
    static func main() { LibFuzzer.run(fuzzTimestampToken) }
}

func fuzzTimestampToken(_ bytes: [UInt8]) {
    let token = (try? TimestampClient.token(fromResponse: bytes)) ?? bytes
    if let parsed = try? TimestampToken(derEncoded: token) {
        _ = parsed.info.genTime
        _ = try? TSTInfo(derEncoded: parsed.infoDER)
    }
    _ = CMSSignatureVerifier.verifyTimestamp(token) { algorithm in
        [UInt8](repeating: 0xA5, count: algorithm.length)
    }
}
