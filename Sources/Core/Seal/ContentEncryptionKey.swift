import Foundation

/// The content-encryption key of one sealed pli (the AES key its RecipientInfos wrap), recovered by a
/// recipient's private key. An online opening sends it to the platform, which decrypts the sealed file it
/// stores: the key never appears in a description, a log line or an error message.
public struct ContentEncryptionKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The raw key (16, 24 or 32 bytes for AES).
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The key from its base64 form; `nil` when `base64` is not base64 or not an AES key's length.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64), [16, 24, 32].contains(data.count) else { return nil }
        bytes = Array(data)
    }

    /// The key in base64, for the request that releases it; never for display.
    public var base64: String { Data(bytes).base64EncodedString() }

    public var description: String { "clé de chiffrement du contenu (\(bytes.count) octets, masquée)" }
    public var debugDescription: String { description }
}
