import CoreModel
import Foundation
import X509

extension KeyOpener {
    /// The decryption keys on the token labelled `tokenLabel`, after logging in: the certificate whose
    /// CKA_ID (hex) or CKA_LABEL is `key`, or, without `key`, every end-entity certificate that has its
    /// private key beside it (a pli is then opened with whichever of them it was sealed for).
    public static func decryptionKeys(
        _ tokenLabel: String, key: String?, library: P11Library, pins: any PINSource, purpose: String
    ) async throws -> [P11DecryptionKey] {
        let slot = try library.slot(tokenLabel: tokenLabel)
        let info = try slot.token()
        let session = try slot.openSession()
        let objects = try session.certificates().filter { object in
            guard let certificate = try? Certificate(derEncoded: object.der) else { return false }
            return !certificate.isAuthority
        }
        let wanted = key?.lowercased()
        let chosen = objects.filter { object in
            guard let key, let wanted else { return true }
            return object.label == key || object.id.hex == wanted
        }
        if let key, chosen.isEmpty {
            throw KeyStoreError.noKey("token \"\(tokenLabel)\" (no certificate with id or label \"\(key)\")")
        }
        try await logIn(session, token: info, pins: pins, purpose: purpose)
        let keys = chosen.compactMap { try? P11DecryptionKey(session: session, certificate: $0) }
        guard !keys.isEmpty else { throw KeyStoreError.noKey("token \"\(tokenLabel)\"") }
        return keys
    }

    /// The decryption key of a PKCS#12 file, its passphrase asked again when wrong.
    public static func pkcs12DecryptionKey(_ path: String, passphrases: any PINSource, purpose: String) async throws
        -> SoftwareDecryptionKey
    {
        let signing = try await pkcs12(path, passphrases: passphrases, purpose: purpose)
        return SoftwareDecryptionKey(signing)
    }
}
