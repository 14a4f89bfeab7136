import Foundation
import SwiftASN1

extension BiKeyGenerator {
    /// Writes the key and certificate of an opened PKCS#12 into a new PKCS#12 file at `path`, protected by
    /// `passphrase` (a backup copy, or a bi-key moved to another workstation). An existing file is never
    /// overwritten.
    public static func exportPKCS12(_ key: SoftwareSigningKey, passphrase: String, to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw KeyStoreError.unreadableFile(path: path, reason: "the file exists already; choose another name")
        }
        guard passphrase.count >= 8 else {
            throw KeyStoreError.cryptoFailure("the passphrase must have at least 8 characters")
        }
        var der = DER.Serializer()
        try der.serialize(key.certificate)
        let name = key.certificate.subject.description
        try writePKCS12(
            key: key.privateKey, certificateDER: der.serializedBytes, name: name, passphrase: passphrase, to: path)
    }
}
