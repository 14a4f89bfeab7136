import SwiftASN1

/// Converts ECDSA signatures between raw `r || s` (PKCS#11, XML Signature) and the DER
/// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` of RFC 3279 (CMS, X.509).
public enum ECDSASignature {
    /// The length of `r` and of `s` for a named curve.
    public static func coordinateLength(_ curve: String) -> Int {
        switch curve {
        case "P-384": 48
        case "P-521": 66
        default: 32
        }
    }

    /// DER `ECDSA-Sig-Value` from raw `r || s`.
    public static func derFromRaw(_ raw: [UInt8]) throws -> [UInt8] {
        guard raw.count % 2 == 0, !raw.isEmpty else {
            throw KeyStoreError.cryptoFailure("odd-length raw ECDSA signature")
        }
        let half = raw.count / 2
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            // ArraySlice<UInt8> serialises as an unsigned INTEGER: minimal, with a zero added when needed.
            try coder.serialize(raw[..<half].drop { $0 == 0 })
            try coder.serialize(raw[half...].drop { $0 == 0 })
        }
        return serializer.serializedBytes
    }

    /// Raw `r || s`, each left-padded to `coordinateLength`, from DER `ECDSA-Sig-Value`.
    public static func rawFromDER(_ der: [UInt8], coordinateLength: Int) throws -> [UInt8] {
        let node = try DER.parse(der)
        return try DER.sequence(node, identifier: .sequence) { nodes in
            let r = try ArraySlice<UInt8>(derEncoded: &nodes)
            let s = try ArraySlice<UInt8>(derEncoded: &nodes)
            return pad(r, to: coordinateLength) + pad(s, to: coordinateLength)
        }
    }

    private static func pad(_ bytes: ArraySlice<UInt8>, to length: Int) -> [UInt8] {
        let trimmed = Array(bytes.drop { $0 == 0 })
        return [UInt8](repeating: 0, count: max(0, length - trimmed.count)) + trimmed
    }
}
