import Foundation
import SwiftASN1
import X509

/// Lets swift-certificates sign with a key it cannot hold (on a token, or in OpenSSL): certificates
/// are built by `Certificate(…, issuerPrivateKey:)` and the signature comes from `sign`.
struct DigestSigner: CustomPrivateKey {
    let publicKey: Certificate.PublicKey
    let keyType: KeyType
    /// Signs a SHA-256 digest with the key's default scheme (raw r||s for ECDSA).
    let sign: @Sendable ([UInt8]) throws -> [UInt8]
    private let identity = UUID()

    var defaultSignatureAlgorithm: Certificate.SignatureAlgorithm {
        if case .ec = keyType { return .ecdsaWithSHA256 }
        return .sha256WithRSAEncryption
    }

    var supportedSignatureAlgorithms: [Certificate.SignatureAlgorithm] { [defaultSignatureAlgorithm] }

    func signSynchronously(
        bytes: some DataProtocol, signatureAlgorithm: Certificate.SignatureAlgorithm
    ) throws -> Certificate.Signature {
        let raw = try sign(DigestAlgorithm.sha256.digest(bytes))
        let encoded = signatureAlgorithm == .ecdsaWithSHA256 ? try ECDSASignature.derFromRaw(raw) : raw
        return try Certificate.Signature(
            signatureAlgorithm: signatureAlgorithm, signatureBytes: ASN1BitString(bytes: encoded[...]))
    }

    static var defaultPEMDiscriminator: String { "PRIVATE KEY" }

    /// The private key stays where it is: it cannot be serialised.
    func serialize(into coder: inout DER.Serializer) throws {
        throw KeyStoreError.cryptoFailure("a private key held by a token or OpenSSL cannot be exported")
    }

    static func == (left: DigestSigner, right: DigestSigner) -> Bool { left.identity == right.identity }
    func hash(into hasher: inout Hasher) { hasher.combine(identity) }
}
