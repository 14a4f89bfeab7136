import CoreModel

/// The size and SHA-256 of a pli's plaintext, as sealing read it or opening wrote it.
public struct PliDigest: Sendable, Equatable {
    public let size: Int64
    public let sha256: [UInt8]

    public init(size: Int64, sha256: [UInt8]) {
        self.size = size
        self.sha256 = sha256
    }

    /// The SHA-256 in lowercase hexadecimal.
    public var sha256Hex: String { sha256.hex }
}
