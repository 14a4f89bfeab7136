import ArgumentParser
import CoreSeal
import CoreTokens
import Foundation

/// `sceau-assistant decrypt`: opens sealed plis with a private key on a token or in a PKCS#12 file. Over
/// a folder of plis downloaded earlier, this is the seed's "déchiffrement hors ligne": the folder's
/// structure is kept and each file reported.
struct DecryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Open sealed plis (files or folders) with a key on a token or in a PKCS#12 file.",
        discussion: """
            Each plaintext is written under a temporary name and renamed only once authenticated: a \
            truncated, altered or wrongly-keyed pli leaves no output. Outputs that exist already are kept \
            (an interrupted run resumes where it stopped). The exit status is 1 when a pli failed.
            """
    )

    @Option(help: "The token holding the decryption key (PIN from SCEAU_PIN or pinentry).")
    var token: String?

    @Option(help: "The key on the token: its CKA_ID (hex) or label (default: every key of the token).")
    var key: String?

    @Option(help: "A PKCS#12 file holding the decryption key (passphrase from SCEAU_PKCS12_PASSWORD or pinentry).")
    var pkcs12: String?

    @Argument(help: "Sealed files (.p7m) or folders of them.")
    var inputs: [String]

    @Option(help: "The folder to write the opened files into.")
    var out: String

    @Flag(help: "Print a JSON report instead of text.")
    var json = false

    @OptionGroup var tokens: TokenOptions
    @OptionGroup var pins: PINOptions

    func validate() throws {
        guard (token == nil) != (pkcs12 == nil) else { throw ValidationError("Give either --token or --pkcs12.") }
        guard !inputs.isEmpty else { throw ValidationError("Give at least one sealed file or folder.") }
    }

    func run() async throws {
        let plan = try DecryptionPlan(inputs: inputs, outputDirectory: out)
        let purpose = "sceau-assistant decrypt (\(plan.items.count) pli(s))"
        let keys: [any DecryptionKey]
        if let token {
            keys = try await KeyOpener.decryptionKeys(
                token, key: key, library: try tokens.library(), pins: pins.tokenPINs, purpose: purpose)
        } else if let pkcs12 {
            keys = [try await KeyOpener.pkcs12DecryptionKey(pkcs12, passphrases: pins.passphrases, purpose: purpose)]
        } else {
            return
        }
        let opener = PliOpener(keys: keys)
        var outcomes: [DecryptionOutcome] = []
        for item in plan.items {
            let outcome = DecryptionOutcome.open(item, with: opener)
            if !json { print(outcome.line) }
            outcomes.append(outcome)
        }
        let failed = outcomes.filter { $0.status == .failed }.count
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(outcomes), as: UTF8.self))
        } else {
            let opened = outcomes.filter { $0.status == .opened }.count
            print("\(opened) opened, \(failed) failed, \(outcomes.count - opened - failed) skipped.")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
