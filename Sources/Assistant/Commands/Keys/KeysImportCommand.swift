import ArgumentParser
import CoreModel
import CoreTokens
import Foundation

/// `sceau-assistant keys import`: puts a software bi-key (a PKCS#12 backup) on a token, where its private
/// key becomes non-extractable, so that plis sealed for it open with the token.
struct KeysImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a bi-key from a PKCS#12 file onto a token (private key and certificate)."
    )

    @Option(help: "The PKCS#12 file (passphrase from SCEAU_PKCS12_PASSWORD or pinentry).")
    var pkcs12: String

    @Option(help: "The token to import onto (PIN from SCEAU_PIN or pinentry).")
    var token: String

    @Option(help: "The label of the imported objects (default: the certificate's common name).")
    var label: String?

    @OptionGroup var tokens: TokenOptions
    @OptionGroup var pins: PINOptions

    func run() async throws {
        let purpose = "sceau-assistant keys import \((pkcs12 as NSString).lastPathComponent)"
        let key = try await KeyOpener.pkcs12(pkcs12, passphrases: pins.passphrases, purpose: purpose)
        let name = label ?? key.certificate.subject.commonName ?? (pkcs12 as NSString).lastPathComponent
        let slot = try tokens.library().slot(tokenLabel: token)
        let session = try slot.openSession(readWrite: true)
        try await KeyOpener.logIn(session, token: try slot.token(), pins: pins.tokenPINs, purpose: purpose)
        let id = try BiKeyImporter.importing(key, into: session, label: name)
        print(
            "Bi-key \"\(name)\" imported onto token \"\(token)\" (id \(id.hex))."
        )
    }
}
