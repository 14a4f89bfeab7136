import CoreModel
import CoreTokens
import Foundation
import SwiftASN1

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Asks an RFC 3161 time-stamping authority over HTTP (RFC 3161 §3.4) to vouch for a digest, and
/// returns its token once checked against the request (imprint, nonce, status).
public struct TimestampClient: Sendable {
    public let url: URL
    public var timeout: TimeInterval

    public init(url: URL, timeout: TimeInterval = 30) {
        self.url = url
        self.timeout = timeout
    }

    /// A DER TimeStampToken (a SignedData ContentInfo) over `digest`, computed with `algorithm`.
    public func timestampToken(digest: [UInt8], algorithm: DigestAlgorithm) async throws(TimestampError) -> [UInt8] {
        let nonce = [UInt8(0x01)] + (0..<15).map { _ in UInt8.random(in: 0...255) }
        let imprint = MessageImprint(algorithm: algorithm, hash: digest)
        let body: [UInt8]
        do {
            body = try TimeStampRequest(imprint: imprint, nonce: nonce).derEncoded()
        } catch {
            throw .invalidResponse("the request could not be encoded: \(error)")
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/timestamp-query", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body)
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.detachedData(for: request)
        } catch {
            throw .unreachable(url: url.absoluteString, reason: error.localizedDescription)
        }
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw .httpStatus(url: url.absoluteString, status: http.statusCode)
        }
        let token = try Self.token(fromResponse: Array(data))
        let info: TSTInfo
        do {
            info = try TimestampToken(derEncoded: token).info
        } catch {
            throw .invalidResponse("its token cannot be read: \(error)")
        }
        guard info.imprint == imprint else { throw .invalidResponse("it stamps another digest") }
        guard info.nonce.map({ Self.sameInteger($0, nonce) }) ?? true else {
            throw .invalidResponse("its nonce differs from the request's")
        }
        return token
    }

    /// The token of a TimeStampResp, or the TSA's refusal (RFC 3161 §2.4.2).
    ///
    /// ```
    /// TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }
    /// PKIStatusInfo ::= SEQUENCE { status PKIStatus, statusString PKIFreeText OPTIONAL, failInfo PKIFailureInfo OPTIONAL }
    /// ```
    static func token(fromResponse bytes: [UInt8]) throws(TimestampError) -> [UInt8] {
        do {
            let root = try DER.parse(bytes)
            return try DER.sequence(root, identifier: .sequence) { nodes in
                let statusInfo = try DER.sequence(of: ASN1Any.self, identifier: .sequence, nodes: &nodes)
                guard let statusCode = statusInfo.first else {
                    throw TimestampError.invalidResponse("its status is empty")
                }
                var statusCoder = DER.Serializer()
                try statusCoder.serialize(statusCode)
                let status = try Int(derEncoded: statusCoder.serializedBytes)
                guard status == 0 || status == 1 else {
                    var text = "status \(status)"
                    if statusInfo.count > 1 {
                        var coder = DER.Serializer()
                        try coder.serialize(statusInfo[1])
                        if let strings = try? DER.sequence(
                            of: ASN1UTF8String.self, identifier: .sequence, rootNode: DER.parse(coder.serializedBytes))
                        {
                            text = strings.map { String($0) }.joined(separator: " ")
                        }
                    }
                    throw TimestampError.rejected(text)
                }
                guard let token = nodes.next() else { throw TimestampError.invalidResponse("it holds no token") }
                return Array(token.encodedBytes)
            }
        } catch let error as TimestampError {
            throw error
        } catch {
            throw .invalidResponse(String(describing: error))
        }
    }

    /// Whether two big-endian integers are equal, whatever their leading zeros.
    private static func sameInteger(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.drop { $0 == 0 } == b.drop { $0 == 0 }
    }
}
