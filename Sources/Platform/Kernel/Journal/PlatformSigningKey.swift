import Crypto
import Foundation

/// The platform's ECDSA P-256 key that signs remote job descriptors: `platform-signing-key.pem` in the
/// data directory (mode 0600), made at first start and loaded afterwards. Its public half is published at
/// `GET /api/platform/signing-key` and printed by `sceau-platform signing-key`; assistants pin it.
package struct PlatformSigningKey: Sendable {
    package static let fileName = "platform-signing-key.pem"

    package let privateKey: P256.Signing.PrivateKey

    package init(privateKey: P256.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The public key in PEM, as the assistant pins it.
    package var publicKeyPEM: String { privateKey.publicKey.pemRepresentation + "\n" }

    /// The key of the platform whose data directory is `dataDirectory`, created when absent. Creation is
    /// atomic: the key is written to a temporary file (0600), synced, then linked to its name unless
    /// another process made it first, in which case that one is used.
    package static func loadOrCreate(dataDirectory: String) throws -> PlatformSigningKey {
        try FileStore.makeDirectories(dataDirectory)
        let path = dataDirectory + "/" + fileName
        if let existing = try load(path) { return existing }
        let key = P256.Signing.PrivateKey()
        let temporary = "\(dataDirectory)/.\(fileName).\(UInt64.random(in: .min ... .max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PlatformSigningKeyError.unwritable(path: temporary, code: errno) }
        defer { unlink(temporary) }
        do {
            let bytes = Array((key.pemRepresentation + "\n").utf8)
            try bytes.withUnsafeBytes { try POSIXFile.writeAll(descriptor, $0, path: temporary) }
            try POSIXFile.sync(descriptor, path: temporary)
            POSIXFile.release(descriptor)
        } catch {
            POSIXFile.release(descriptor)
            throw error
        }
        if try POSIXFile.linkUnlessExists(temporary, to: path) {
            try POSIXFile.syncDirectory(dataDirectory)
            return PlatformSigningKey(privateKey: key)
        }
        guard let existing = try load(path) else { throw PlatformSigningKeyError.unreadable(path: path) }
        return existing
    }

    /// The key at `path`, `nil` when there is no file there.
    package static func load(_ path: String) throws -> PlatformSigningKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
            let key = try? P256.Signing.PrivateKey(pemRepresentation: String(decoding: data, as: UTF8.self))
        else { throw PlatformSigningKeyError.unreadable(path: path) }
        return PlatformSigningKey(privateKey: key)
    }
}

/// Why the platform's signing key cannot be used, and what to do.
package enum PlatformSigningKeyError: Error, CustomStringConvertible {
    case unwritable(path: String, code: Int32)
    case unreadable(path: String)

    package var description: String {
        switch self {
        case .unwritable(let path, let code):
            "The platform signing key cannot be written at \(path) (\(String(cString: strerror(code)))): "
                + "check that the data directory is writable."
        case .unreadable(let path):
            "\(path) is not an ECDSA P-256 private key in PEM: restore it from a backup, or remove it to make "
                + "a new key (every assistant must then be paired again with the new public key)."
        }
    }
}
