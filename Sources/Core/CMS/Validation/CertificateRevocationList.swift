import CoreTokens
import Foundation
import SwiftASN1
import X509

/// An X.509 CRL (RFC 5280 §5): who issued it, when, and which serial numbers it revokes since when.
///
/// ```
/// CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
///                                signatureValue BIT STRING }
/// TBSCertList ::= SEQUENCE { version Version OPTIONAL, signature AlgorithmIdentifier, issuer Name,
///   thisUpdate Time, nextUpdate Time OPTIONAL,
///   revokedCertificates SEQUENCE OF SEQUENCE { userCertificate CertificateSerialNumber,
///     revocationDate Time, crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
///   crlExtensions [0] EXPLICIT Extensions OPTIONAL }
/// ```
public struct CertificateRevocationList: Sendable {
    public let issuer: DistinguishedName
    public let thisUpdate: Date
    public let nextUpdate: Date?
    /// Revoked serial numbers and their revocation dates.
    public let revoked: [Certificate.SerialNumber: Date]
    private let tbsDER: [UInt8]
    private let signatureAlgorithm: CMSAlgorithmIdentifier
    private let signature: [UInt8]

    /// Reads a CRL in DER or PEM.
    public init(bytes: [UInt8]) throws(CMSError) {
        var der = bytes
        if let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN X509 CRL-----") {
            guard let document = try? PEMDocument(pemString: text) else { throw .malformed("unreadable PEM CRL") }
            der = Array(document.derBytes)
        }
        do {
            let root = try DER.parse(der)
            var parsed: (DistinguishedName, Date, Date?, [Certificate.SerialNumber: Date], [UInt8])?
            var algorithm: CMSAlgorithmIdentifier?
            var signature: [UInt8] = []
            try DER.sequence(root, identifier: .sequence) { nodes in
                guard let tbs = nodes.next() else { throw CMSError.malformed("no tbsCertList") }
                parsed = try Self.parseTBS(tbs)
                algorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
                signature = Array(try ASN1BitString(derEncoded: &nodes).bytes)
            }
            guard let parsed, let algorithm else { throw CMSError.malformed("incomplete CRL") }
            (issuer, thisUpdate, nextUpdate, revoked, tbsDER) = parsed
            signatureAlgorithm = algorithm
            self.signature = signature
        } catch let error as CMSError {
            throw error
        } catch {
            throw .malformed("not a CRL: \(error)")
        }
    }

    private static func parseTBS(_ node: ASN1Node) throws -> (
        DistinguishedName, Date, Date?, [Certificate.SerialNumber: Date], [UInt8]
    ) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            var next = nodes.next()
            if let version = next, version.identifier == .integer { next = nodes.next() }
            guard let algorithm = next else { throw CMSError.malformed("no signature algorithm") }
            _ = try CMSAlgorithmIdentifier(derEncoded: algorithm)
            let issuer = try DistinguishedName(derEncoded: &nodes)
            guard let thisNode = nodes.next(), let thisUpdate = time(thisNode) else {
                throw CMSError.malformed("no thisUpdate")
            }
            var nextUpdate: Date?
            var revoked: [Certificate.SerialNumber: Date] = [:]
            while let field = nodes.next() {
                if let date = time(field) {
                    nextUpdate = date
                } else if field.identifier == .sequence, case .constructed(let entries) = field.content {
                    for entry in entries {
                        try DER.sequence(entry, identifier: .sequence) { parts in
                            let serial = try ArraySlice<UInt8>(derEncoded: &parts)
                            guard let dateNode = parts.next(), let date = time(dateNode) else {
                                throw CMSError.malformed("a revoked entry has no date")
                            }
                            while parts.next() != nil {}
                            revoked[Certificate.SerialNumber(bytes: serial)] = date
                        }
                    }
                }
            }
            return (issuer, thisUpdate, nextUpdate, revoked, Array(node.encodedBytes))
        }
    }

    private static func time(_ node: ASN1Node) -> Date? {
        if node.identifier == .utcTime, let utc = try? UTCTime(derEncoded: node) { return Date(utc) }
        if node.identifier == .generalizedTime, let time = try? GeneralizedTime(derEncoded: node) {
            return Date(time)
        }
        return nil
    }

    /// Whether `authority` issued and signed this CRL.
    public func isSigned(by authority: Certificate) -> Bool {
        guard authority.subject == issuer,
            let algorithm = try? CMSSignatureAlgorithm(signatureAlgorithm: signatureAlgorithm, digest: .sha256)
        else { return false }
        return SignatureVerifier.isValid(
            signature: signature, digest: algorithm.digestAlgorithm.digest(tbsDER),
            digestAlgorithm: algorithm.digestAlgorithm, scheme: algorithm.scheme, publicKey: authority.publicKey,
            ecdsaDER: true)
    }
}
