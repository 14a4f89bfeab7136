import SwiftASN1
import X509

/// The qualified certificate statements extension (ETSI EN 319 412-5, RFC 3739):
///
/// ```
/// QCStatements ::= SEQUENCE OF QCStatement
/// QCStatement ::= SEQUENCE { statementId OBJECT IDENTIFIER, statementInfo ANY DEFINED BY statementId OPTIONAL }
/// ```
public enum QualifiedStatements {
    /// id-pe-qcStatements.
    public static let extensionOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 3]
    /// id-etsi-qcs-QcCompliance: the certificate is an EU qualified certificate.
    public static let qcCompliance: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 1]

    /// The statement identifiers of a certificate; empty when it has no such extension or it cannot be read.
    public static func statementIDs(of certificate: Certificate) -> [ASN1ObjectIdentifier] {
        guard let value = certificate.extensions[oid: extensionOID]?.value,
            let root = try? DER.parse(value)
        else { return [] }
        return
            (try? DER.sequence(of: QCStatementID.self, identifier: .sequence, rootNode: root).map(\.oid)) ?? []
    }

    /// Whether the certificate declares itself qualified (QcCompliance).
    public static func isQualified(_ certificate: Certificate) -> Bool {
        statementIDs(of: certificate).contains(qcCompliance)
    }

    /// One QCStatement, read for its identifier only.
    private struct QCStatementID: DERParseable {
        let oid: ASN1ObjectIdentifier

        init(derEncoded node: ASN1Node) throws {
            oid = try DER.sequence(node, identifier: .sequence) { nodes in
                let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
                while nodes.next() != nil {}
                return oid
            }
        }
    }
}
