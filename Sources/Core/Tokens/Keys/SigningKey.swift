import X509

/// A private key able to sign, wherever it lives (a PKCS#11 token, a PKCS#12 file), with its
/// certificate and the intermediate certificates found beside it.
///
/// The key itself never leaves its store: only digests go in and signatures come out.
public protocol SigningKey: Sendable {
    /// The signer's certificate.
    var certificate: Certificate { get }
    /// Certificates found with the key (intermediates, possibly the root), nearest first.
    var chain: [Certificate] { get }
    /// The key's type and size.
    var keyType: KeyType { get }

    /// Signs a digest computed with `digestAlgorithm`.
    ///
    /// - Returns: for RSA schemes, the signature bytes (as long as the modulus); for ECDSA, the raw
    ///   `r || s` concatenation (each as long as the curve order), as PKCS#11 returns it. Formats
    ///   convert it: CMS wants a DER `ECDSA-Sig-Value`, XML Signature wants `r || s`.
    func sign(digest: [UInt8], digestAlgorithm: DigestAlgorithm, scheme: SignatureScheme) throws -> [UInt8]
}
