import ArgumentParser
import CoreTokens
import Foundation
import X509

/// `sceau-assistant keys generate`: a new encryption bi-key on a token or in a new PKCS#12 file, and
/// its self-signed certificate to register on the platform.
struct KeysGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate an encryption bi-key (on a token, non-extractable, or in a new PKCS#12 file)."
    )

    @Option(help: "The certificate's name (CN): \"Prénom Nom\" or a function.")
    var name: String

    @Option(help: "Generate on the PKCS#11 token with this label (PIN from SCEAU_PIN or pinentry).")
    var token: String?

    @Option(help: "Generate into this new PKCS#12 file (passphrase from SCEAU_PKCS12_PASSWORD or pinentry).")
    var pkcs12: String?

    @Option(help: "rsa-3072 (default), rsa-2048 or ec-p256.")
    var algorithm: BiKeyAlgorithm = .rsa3072

    @Option(help: "Validity of the certificate in days.")
    var days: Int = 730

    @Option(help: "Write the certificate (PEM) to this file, to upload it to the platform.")
    var certOut: String?

    @OptionGroup var tokens: TokenOptions

    @OptionGroup var pins: PINOptions

    func validate() throws {
        guard (token == nil) != (pkcs12 == nil) else { throw ValidationError("Give either --token or --pkcs12.") }
    }

    func run() async throws {
        let request = BiKeyRequest(commonName: name, validityDays: days, algorithm: algorithm)
        let purpose = "sceau-assistant keys generate \"\(name)\""
        let certificate: Certificate
        if let token {
            let library = try tokens.library()
            let slot = try library.slot(tokenLabel: token)
            let session = try slot.openSession(readWrite: true)
            try await KeyOpener.logIn(session, token: try slot.token(), pins: pins.tokenPINs, purpose: purpose)
            certificate = try await BiKeyGenerator.onToken(request, session: session, label: name)
        } else if let pkcs12 {
            let passphrase = try await pins.passphrases.pin(
                for: PINRequest(store: (pkcs12 as NSString).lastPathComponent, purpose: purpose, isPassphrase: true))
            certificate = try await BiKeyGenerator.pkcs12(request, passphrase: passphrase ?? "", path: pkcs12)
        } else {
            return
        }
        let pem = try certificate.serializeAsPEM().pemString + "\n"
        if let certOut {
            try CertificateFile.write(pem, to: certOut)
            print("Bi-key \"\(name)\" generated; certificate written to \(certOut).")
        } else {
            print(pem, terminator: "")
        }
    }
}

extension BiKeyAlgorithm: ExpressibleByArgument {}

/// Writes certificate files without overwriting an existing one.
enum CertificateFile {
    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(path) exists already: choose another file name.")
        }
        try data.write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    }
}
