import ArgumentParser
import CoreModel
import CoreTokens
import Foundation
import SwiftASN1
import X509

/// `sceau-assistant keys export`: the certificate of a bi-key, as the platform asks for it, and for a
/// software bi-key a PKCS#12 copy under a new passphrase (a token's private key cannot leave the token).
struct KeysExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the certificate of a bi-key (PEM or DER) for the platform, or a software bi-key as PKCS#12."
    )

    @Option(help: "The token holding the bi-key.")
    var token: String?

    @Option(help: "The bi-key on the token: its CKA_ID (hex) or label.")
    var key: String?

    @Option(help: "A PKCS#12 file holding the bi-key (passphrase from SCEAU_PKCS12_PASSWORD or pinentry).")
    var pkcs12: String?

    @Option(help: "Where to write the certificate.")
    var certOut: String?

    @Option(
        help: ArgumentHelp(
            "Write the software bi-key (--pkcs12) to this new PKCS#12 file, under a new passphrase.",
            discussion: "The new passphrase comes from SCEAU_PKCS12_NEW_PASSWORD or pinentry (8 characters at least)."))
    var pkcs12Out: String?

    @Flag(help: "Write DER instead of PEM.")
    var der = false

    @OptionGroup var tokens: TokenOptions

    @OptionGroup var pins: PINOptions

    func validate() throws {
        guard (token == nil) != (pkcs12 == nil) else { throw ValidationError("Give either --token or --pkcs12.") }
        if token != nil, key == nil { throw ValidationError("Give the bi-key on the token with --key ID-or-LABEL.") }
        guard certOut != nil || pkcs12Out != nil else {
            throw ValidationError("Give --cert-out, --pkcs12-out or both.")
        }
        if token != nil, pkcs12Out != nil {
            throw ValidationError("A token's private key cannot leave the token: only its certificate can be exported.")
        }
    }

    func run() async throws {
        let certificate: Certificate
        if let token, let key {
            let library = try tokens.library()
            let objects = try library.slot(tokenLabel: token).openSession().certificates()
            let wanted = key.lowercased()
            guard
                let object = objects.first(where: {
                    $0.label == key || $0.id.hex == wanted
                })
            else { throw KeyStoreError.noKey("token \"\(token)\" (no certificate with id or label \"\(key)\")") }
            certificate = try Certificate(derEncoded: object.der)
        } else if let pkcs12 {
            let passphrase = try await pins.passphrases.pin(
                for: PINRequest(
                    store: (pkcs12 as NSString).lastPathComponent, purpose: "sceau-assistant keys export",
                    isPassphrase: true))
            let software = try SoftwareSigningKey(pkcs12: pkcs12, passphrase: passphrase ?? "")
            certificate = software.certificate
            if let pkcs12Out {
                let fresh = try await pins.newPassphrases.pin(
                    for: PINRequest(
                        store: (pkcs12Out as NSString).lastPathComponent,
                        purpose: "new passphrase for the exported bi-key", isPassphrase: true))
                try BiKeyGenerator.exportPKCS12(software, passphrase: fresh ?? "", to: pkcs12Out)
                print("Bi-key \(certificate.subject) exported to \(pkcs12Out).")
            }
        } else {
            return
        }
        guard let certOut else { return }
        if der {
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            try CertificateFile.write(Data(serializer.serializedBytes), to: certOut)
        } else {
            try CertificateFile.write(try certificate.serializeAsPEM().pemString + "\n", to: certOut)
        }
        print("Certificate of \(certificate.subject) written to \(certOut).")
    }
}
