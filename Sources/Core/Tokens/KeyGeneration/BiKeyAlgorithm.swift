/// The key types an encryption bi-key can be generated with.
public enum BiKeyAlgorithm: String, Sendable, CaseIterable, Codable {
    /// RSA 3072 bits: the default, key transport with RSAES-OAEP.
    case rsa3072 = "rsa-3072"
    /// RSA 2048 bits, for platforms that still require it.
    case rsa2048 = "rsa-2048"
    /// EC P-256, key agreement (ECDH).
    case ecP256 = "ec-p256"

    var keyType: KeyType {
        switch self {
        case .rsa3072: .rsa(bits: 3072)
        case .rsa2048: .rsa(bits: 2048)
        case .ecP256: .ec(curve: "P-256")
        }
    }
}

/// What the user chooses for a new bi-key ("Création et ajout de bi-clé"): the certificate's CN
/// ("Prénom Nom" or a function), its validity, and the key type.
public struct BiKeyRequest: Sendable {
    public var commonName: String
    public var validityDays: Int
    public var algorithm: BiKeyAlgorithm

    public init(commonName: String, validityDays: Int = 730, algorithm: BiKeyAlgorithm = .rsa3072) {
        self.commonName = commonName
        self.validityDays = validityDays
        self.algorithm = algorithm
    }
}
