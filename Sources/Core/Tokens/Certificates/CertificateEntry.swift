import Foundation
import X509

/// A signing certificate found in one of the user's stores, as listed to the user and to pages.
public struct CertificateEntry: Sendable, Encodable {
    /// Where the key lives.
    public enum Source: Sendable, Equatable, Encodable {
        /// On a PKCS#11 token: its label, and the CKA_ID/CKA_LABEL pairing key and certificate.
        case token(label: String, id: String, objectLabel: String)
        /// In a PKCS#12 file.
        case pkcs12(path: String)
    }

    public let source: Source
    public let certificate: Certificate
    /// Certificates found beside it (on the token or in the file).
    public let chain: [Certificate]
    public let verdict: ConformityVerdict

    /// The holder's common name, or the whole subject.
    public var holder: String { certificate.subject.commonName ?? certificate.subject.description }
    /// The issuer's common name, or the whole issuer.
    public var issuer: String { certificate.issuer.commonName ?? certificate.issuer.description }
    /// The serial number in hexadecimal.
    public var serialNumber: String { certificate.serialNumber.description }
    public var keyType: KeyType { KeyType(publicKey: certificate.publicKey) }
    /// The key usages named as in X.509 (`digitalSignature`, `nonRepudiation`, …).
    public var keyUsages: [String] {
        guard let usage = try? certificate.extensions.keyUsage else { return [] }
        let all: [(Bool, String)] = [
            (usage.digitalSignature, "digitalSignature"), (usage.nonRepudiation, "nonRepudiation"),
            (usage.keyEncipherment, "keyEncipherment"), (usage.dataEncipherment, "dataEncipherment"),
            (usage.keyAgreement, "keyAgreement"),
        ]
        return all.filter(\.0).map(\.1)
    }

    private enum CodingKeys: String, CodingKey {
        case source, holder, issuer, serialNumber, notBefore, notAfter, keyType, keyUsages, qualified, suitable
        case failures
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(holder, forKey: .holder)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(certificate.notValidBefore, forKey: .notBefore)
        try container.encode(certificate.notValidAfter, forKey: .notAfter)
        try container.encode(keyType.description, forKey: .keyType)
        try container.encode(keyUsages, forKey: .keyUsages)
        try container.encode(QualifiedStatements.isQualified(certificate), forKey: .qualified)
        try container.encode(verdict.suitable, forKey: .suitable)
        try container.encode(verdict.failures.map(\.description), forKey: .failures)
    }
}

extension DistinguishedName {
    /// The first common name (CN), if any.
    public var commonName: String? {
        for relativeName in self {
            for attribute in relativeName where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return nil
    }
}
