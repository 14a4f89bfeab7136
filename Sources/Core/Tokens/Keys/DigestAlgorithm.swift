import Crypto
import Foundation
import SwiftASN1

/// The message digests Sceau signs with: SHA-256 by default, SHA-384 and SHA-512 on request.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Codable {
    case sha256 = "sha-256"
    case sha384 = "sha-384"
    case sha512 = "sha-512"

    /// The algorithm's object identifier (NIST, RFC 5754).
    public var oid: ASN1ObjectIdentifier {
        switch self {
        case .sha256: [2, 16, 840, 1, 101, 3, 4, 2, 1]
        case .sha384: [2, 16, 840, 1, 101, 3, 4, 2, 2]
        case .sha512: [2, 16, 840, 1, 101, 3, 4, 2, 3]
        }
    }

    /// The algorithm's URI in XML Signature (RFC 6931, XMLDSig 1.1).
    public var xmlURI: String {
        switch self {
        case .sha256: "http://www.w3.org/2001/04/xmlenc#sha256"
        case .sha384: "http://www.w3.org/2001/04/xmldsig-more#sha384"
        case .sha512: "http://www.w3.org/2001/04/xmlenc#sha512"
        }
    }

    /// The digest's length in bytes.
    public var length: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The algorithm with this object identifier, if Sceau supports it.
    public init?(oid: ASN1ObjectIdentifier) {
        guard let match = Self.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = match
    }

    /// A hasher to feed in pieces: files are digested as they stream, never loaded whole.
    public func hasher() -> StreamingDigest { StreamingDigest(self) }

    /// The digest of bytes already in memory.
    public func digest(_ bytes: some DataProtocol) -> [UInt8] {
        var hasher = hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

/// An incremental digest over any of the ``DigestAlgorithm``s.
public struct StreamingDigest: Sendable {
    private enum State: Sendable {
        case sha256(SHA256)
        case sha384(SHA384)
        case sha512(SHA512)
    }
    private var state: State
    public let algorithm: DigestAlgorithm

    init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .sha256: state = .sha256(SHA256())
        case .sha384: state = .sha384(SHA384())
        case .sha512: state = .sha512(SHA512())
        }
    }

    /// Adds bytes to the digest.
    public mutating func update(_ bytes: some DataProtocol) {
        switch state {
        case .sha256(var hash):
            hash.update(data: bytes)
            state = .sha256(hash)
        case .sha384(var hash):
            hash.update(data: bytes)
            state = .sha384(hash)
        case .sha512(var hash):
            hash.update(data: bytes)
            state = .sha512(hash)
        }
    }

    /// Adds raw bytes without copying them.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        switch state {
        case .sha256(var hash):
            hash.update(bufferPointer: bufferPointer)
            state = .sha256(hash)
        case .sha384(var hash):
            hash.update(bufferPointer: bufferPointer)
            state = .sha384(hash)
        case .sha512(var hash):
            hash.update(bufferPointer: bufferPointer)
            state = .sha512(hash)
        }
    }

    /// The digest of everything added.
    public func finalize() -> [UInt8] {
        switch state {
        case .sha256(let hash): Array(hash.finalize())
        case .sha384(let hash): Array(hash.finalize())
        case .sha512(let hash): Array(hash.finalize())
        }
    }
}
