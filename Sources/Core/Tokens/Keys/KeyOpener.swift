import CoreModel
import Foundation
import X509

/// Opens the signing key a user designates, asking for its PIN or passphrase through a ``PINSource``
/// (never from a page), with the retries a token allows.
public enum KeyOpener {
    /// How many times a wrong PIN or passphrase is asked again before giving up.
    public static let maximumTries = 3

    /// The key on the token labelled `tokenLabel`: the certificate whose CKA_ID (hex) or CKA_LABEL is `key`,
    /// or, without `key`, the only signing certificate of the token.
    public static func token(
        _ tokenLabel: String, key: String?, library: P11Library, pins: any PINSource, purpose: String
    ) async throws -> P11SigningKey {
        let slot = try library.slot(tokenLabel: tokenLabel)
        let info = try slot.token()
        let session = try slot.openSession()
        let objects = try session.certificates()
        let parsed = objects.compactMap { object in (try? Certificate(derEncoded: object.der)).map { (object, $0) } }
        let authorities = parsed.map(\.1).filter(\.isAuthority)
        let chosen = try choose(key, among: parsed.filter { !$0.1.isAuthority }, store: "token \"\(tokenLabel)\"")
        try await logIn(session, token: info, pins: pins, purpose: purpose)
        return try P11SigningKey(
            session: session, certificate: chosen.0, chain: CertificateChain.order(from: chosen.1, among: authorities))
    }

    /// Logs in to the token of `session`: through its PIN pad when it has one, otherwise with PINs from
    /// `pins`, asking again (with the token's warning) after a wrong one.
    public static func logIn(
        _ session: P11Session, token info: P11TokenInfo, pins: any PINSource, purpose: String
    ) async throws {
        if info.userPINLocked { throw P11Error.pinLocked }
        if info.protectedAuthenticationPath {
            try session.login(pin: nil)
            return
        }
        var request = PINRequest(store: info.label, purpose: purpose)
        var lastFailure: P11Error?
        for attempt in 1...maximumTries {
            let pin: String?
            do {
                pin = try await pins.pin(for: request)
            } catch PINError.missingVariable where lastFailure != nil {
                // A source that cannot ask again (an environment variable): report the wrong PIN itself.
                throw lastFailure ?? .pinIncorrect(remaining: .unknown)
            }
            let failure: P11Error
            do {
                try session.login(pin: pin)
                return
            } catch {
                failure = error
            }
            guard case .pinIncorrect = failure, attempt < maximumTries, pin != nil else { throw failure }
            request.previousError = failure.description
            lastFailure = failure
        }
    }

    /// The key of a PKCS#12 file, its passphrase asked again when wrong.
    public static func pkcs12(_ path: String, passphrases: any PINSource, purpose: String) async throws
        -> SoftwareSigningKey
    {
        var request = PINRequest(store: (path as NSString).lastPathComponent, purpose: purpose, isPassphrase: true)
        for attempt in 1...maximumTries {
            let passphrase = try await passphrases.pin(for: request) ?? ""
            do {
                return try SoftwareSigningKey(pkcs12: path, passphrase: passphrase)
            } catch KeyStoreError.wrongPassphrase(let file) where attempt < maximumTries {
                request.previousError = KeyStoreError.wrongPassphrase(path: file).description
            }
        }
        throw KeyStoreError.wrongPassphrase(path: path)
    }

    private static func choose(
        _ key: String?, among candidates: [(P11CertificateObject, Certificate)], store: String
    ) throws -> (P11CertificateObject, Certificate) {
        if let key {
            let wanted = key.lowercased()
            let match = candidates.first { object, _ in
                object.label == key || object.id.hex == wanted
            }
            guard let match else { throw KeyStoreError.noKey("\(store) (no certificate with id or label \"\(key)\")") }
            return match
        }
        let signing = candidates.filter { _, certificate in
            guard let usage = try? certificate.extensions.keyUsage else { return true }
            return usage.nonRepudiation || usage.digitalSignature
        }
        guard signing.count == 1, let only = signing.first else {
            let names = signing.map { object, _ in
                "\(object.label) (id \(object.id.hex))"
            }
            throw KeyStoreError.ambiguousKey(store: store, choices: names)
        }
        return only
    }
}
