import CP11Kit
import Synchronization
import X509

/// A decryption key on a PKCS#11 token, used through a logged-in session.
///
/// The private key never leaves the token: the wrapped content-encryption key is decrypted by
/// `C_Decrypt`, and ECDH runs in `C_DeriveKey`, only the shared secret coming out for the KDF.
public final class P11DecryptionKey: DecryptionKey, @unchecked Sendable {
    public let certificate: Certificate
    private let session: Mutex<P11Session>
    private let privateKey: CK_OBJECT_HANDLE
    private let keyType: KeyType

    /// Finds the private key paired (by CKA_ID) with `certificate` in a logged-in session.
    public init(session: P11Session, certificate: P11CertificateObject) throws {
        let handles = try session.findObjects([.objectClass(CK_OBJECT_CLASS(CKO_PRIVATE_KEY)), .id(certificate.id)])
        guard let handle = handles.first else {
            throw KeyStoreError.noKey("The token (certificate \"\(certificate.label)\")")
        }
        self.certificate = try Certificate(derEncoded: certificate.der)
        self.keyType = KeyType(publicKey: self.certificate.publicKey)
        self.privateKey = handle
        self.session = Mutex(session)
    }

    public func decryptKey(_ encryptedKey: [UInt8], padding: RSAKeyTransportPadding) throws -> [UInt8] {
        guard case .rsa(let bits) = keyType else { throw KeyStoreError.cryptoFailure("an EC key cannot decrypt") }
        return try session.withLock { session in
            switch padding {
            case .pkcs1v15:
                return try Self.decrypt(
                    session, encryptedKey, key: privateKey, mechanism: CK_MECHANISM_TYPE(CKM_RSA_PKCS))
            case .oaep(let hash, let mgfHash):
                var parameters = CK_RSA_PKCS_OAEP_PARAMS(
                    hashAlg: hash.p11Mechanism, mgf: mgfHash.p11MGF,
                    source: CK_RSA_PKCS_OAEP_SOURCE_TYPE(CKZ_DATA_SPECIFIED),
                    pSourceData: nil, ulSourceDataLen: 0)
                do {
                    return try withUnsafeMutableBytes(of: &parameters) { raw in
                        try Self.decrypt(
                            session, encryptedKey, key: privateKey, mechanism: CK_MECHANISM_TYPE(CKM_RSA_PKCS_OAEP),
                            parameter: raw)
                    }
                } catch let error as P11Error {
                    guard case .call(_, let rv) = error,
                        rv == CK_RV(CKR_MECHANISM_PARAM_INVALID) || rv == CK_RV(CKR_ARGUMENTS_BAD)
                    else { throw error }
                    // Some tokens (SoftHSM among them) know OAEP with SHA-1 only: raw RSA on the token,
                    // OAEP decoding here. The private key still never leaves the token.
                    let block = try Self.decrypt(
                        session, encryptedKey, key: privateKey, mechanism: CK_MECHANISM_TYPE(CKM_RSA_X_509))
                    return try OAEPDecoding.decode(block, modulusBytes: (bits + 7) / 8, hash: hash, mgfHash: mgfHash)
                }
            }
        }
    }

    public func sharedSecret(withPeerPoint point: [UInt8]) throws -> [UInt8] {
        guard case .ec(let curve) = keyType else {
            throw KeyStoreError.cryptoFailure("an RSA key cannot do key agreement")
        }
        let length = ECDSASignature.coordinateLength(curve)
        return try session.withLock { session in
            var publicData = point
            return try publicData.withUnsafeMutableBufferPointer { pointBuffer in
                var parameters = CK_ECDH1_DERIVE_PARAMS(
                    kdf: CK_ULONG(CKD_NULL), ulSharedDataLen: 0, pSharedData: nil,
                    ulPublicDataLen: CK_ULONG(pointBuffer.count), pPublicData: pointBuffer.baseAddress)
                return try withUnsafeMutableBytes(of: &parameters) { raw in
                    try session.deriveSecret(from: privateKey, parameter: raw, length: length)
                }
            }
        }
    }

    private static func decrypt(
        _ session: P11Session, _ data: [UInt8], key: CK_OBJECT_HANDLE, mechanism type: CK_MECHANISM_TYPE,
        parameter: UnsafeMutableRawBufferPointer? = nil
    ) throws -> [UInt8] {
        do {
            return try session.decrypt(data, key: key, mechanism: type, parameter: parameter)
        } catch {
            // Tokens report a padding that does not check out in different ways (SoftHSM: CKR_GENERAL_ERROR).
            let paddingFailures = [
                CKR_ENCRYPTED_DATA_INVALID, CKR_ENCRYPTED_DATA_LEN_RANGE, CKR_GENERAL_ERROR, CKR_FUNCTION_FAILED,
            ]
            if case .call(_, let rv) = error, paddingFailures.map({ CK_RV($0) }).contains(rv) {
                throw KeyStoreError.decryptionFailed
            }
            throw error
        }
    }
}

extension OAEPHash {
    var p11Mechanism: CK_MECHANISM_TYPE {
        switch self {
        case .sha1: CK_MECHANISM_TYPE(CKM_SHA_1)
        case .sha256: CK_MECHANISM_TYPE(CKM_SHA256)
        case .sha384: CK_MECHANISM_TYPE(CKM_SHA384)
        case .sha512: CK_MECHANISM_TYPE(CKM_SHA512)
        }
    }

    var p11MGF: CK_RSA_PKCS_MGF_TYPE {
        switch self {
        case .sha1: CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA1)
        case .sha256: CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA256)
        case .sha384: CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA384)
        case .sha512: CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA512)
        }
    }
}

/// EME-OAEP decoding (RFC 8017 §7.1.2 step 3) of a raw RSA decryption, with an empty label.
/// Every check runs whatever the outcome of the others, and a single error is reported.
enum OAEPDecoding {
    static func decode(_ block: [UInt8], modulusBytes k: Int, hash: OAEPHash, mgfHash: OAEPHash) throws -> [UInt8] {
        let hLen = hash.length
        guard block.count <= k, k >= 2 * hLen + 2 else { throw KeyStoreError.decryptionFailed }
        // The raw block may have lost leading zero bytes: EM is exactly k bytes long.
        let em = [UInt8](repeating: 0, count: k - block.count) + block
        let maskedSeed = Array(em[1...hLen])
        let maskedDB = Array(em[(hLen + 1)...])
        let seed = zip(maskedSeed, mgf1(maskedDB, length: hLen, hash: mgfHash)).map { $0 ^ $1 }
        let db = zip(maskedDB, mgf1(seed, length: maskedDB.count, hash: mgfHash)).map { $0 ^ $1 }
        var bad = em[0]
        let labelHash = hash.digest([])
        for index in 0..<hLen { bad |= db[index] ^ labelHash[index] }
        // After lHash: zero bytes, then 0x01, then the message.
        var separator = -1
        var inPadding: UInt8 = 1
        for index in hLen..<db.count {
            let isOne = db[index] == 1 ? UInt8(1) : 0
            let isZero = db[index] == 0 ? UInt8(1) : 0
            if inPadding & isOne == 1 && separator < 0 { separator = index }
            bad |= inPadding & (1 - isOne) & (1 - isZero)
            inPadding &= isZero
        }
        guard bad == 0, separator >= 0 else { throw KeyStoreError.decryptionFailed }
        return Array(db[(separator + 1)...])
    }

    /// MGF1 (RFC 8017 B.2.1).
    static func mgf1(_ seed: [UInt8], length: Int, hash: OAEPHash) -> [UInt8] {
        var output: [UInt8] = []
        var counter: UInt32 = 0
        while output.count < length {
            output += hash.digest(seed + withUnsafeBytes(of: counter.bigEndian) { Array($0) })
            counter += 1
        }
        return Array(output.prefix(length))
    }
}
