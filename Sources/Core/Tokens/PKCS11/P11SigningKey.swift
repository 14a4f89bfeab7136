import CP11Kit
import Synchronization
import X509

/// A private key on a PKCS#11 token, used through a logged-in session that stays open for a batch.
///
/// The key never leaves the token: digests go in through `C_Sign`. A session runs one operation at a
/// time, so signatures from several tasks are serialised here.
public final class P11SigningKey: SigningKey, @unchecked Sendable {
    public let certificate: Certificate
    public let chain: [Certificate]
    public let keyType: KeyType
    private let session: Mutex<P11Session>
    private let privateKey: CK_OBJECT_HANDLE

    /// Finds the private key paired (by CKA_ID) with `certificate` in a logged-in session.
    public init(session: P11Session, certificate: P11CertificateObject, chain: [Certificate] = []) throws {
        let handles = try session.findObjects([
            .objectClass(CK_OBJECT_CLASS(CKO_PRIVATE_KEY)), .id(certificate.id),
        ])
        guard let handle = handles.first else {
            throw KeyStoreError.noKey("The token (certificate \"\(certificate.label)\")")
        }
        self.certificate = try Certificate(derEncoded: certificate.der)
        self.chain = chain
        self.keyType = KeyType(publicKey: self.certificate.publicKey)
        self.privateKey = handle
        self.session = Mutex(session)
    }

    public func sign(digest: [UInt8], digestAlgorithm: DigestAlgorithm, scheme: SignatureScheme) throws -> [UInt8] {
        switch (scheme, keyType) {
        case (.rsaPKCS1v15, .rsa), (.rsaPSS, .rsa), (.ecdsa, .ec): break
        default: throw KeyStoreError.unsupportedScheme(scheme, keyType)
        }
        return try session.withLock { session in
            switch scheme {
            case .rsaPKCS1v15:
                return try session.sign(
                    digestAlgorithm.digestInfoPrefix + digest, key: privateKey,
                    mechanism: CK_MECHANISM_TYPE(CKM_RSA_PKCS))
            case .ecdsa:
                return try session.sign(digest, key: privateKey, mechanism: CK_MECHANISM_TYPE(CKM_ECDSA))
            case .rsaPSS:
                var parameters = CK_RSA_PKCS_PSS_PARAMS(
                    hashAlg: digestAlgorithm.p11Mechanism, mgf: digestAlgorithm.p11MGF,
                    sLen: CK_ULONG(digestAlgorithm.length))
                return try withUnsafeMutableBytes(of: &parameters) { raw in
                    try session.sign(
                        digest, key: privateKey, mechanism: CK_MECHANISM_TYPE(CKM_RSA_PKCS_PSS), parameter: raw)
                }
            }
        }
    }
}

extension DigestAlgorithm {
    /// The PKCS#11 mechanism of the bare hash, for PSS parameters.
    var p11Mechanism: CK_MECHANISM_TYPE {
        switch self {
        case .sha256: CK_MECHANISM_TYPE(CKM_SHA256)
        case .sha384: CK_MECHANISM_TYPE(CKM_SHA384)
        case .sha512: CK_MECHANISM_TYPE(CKM_SHA512)
        }
    }

    /// The MGF1 generator over this hash, for PSS parameters.
    var p11MGF: CK_RSA_PKCS_MGF_TYPE {
        switch self {
        case .sha256: CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA256)
        case .sha384: CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA384)
        case .sha512: CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA512)
        }
    }
}
