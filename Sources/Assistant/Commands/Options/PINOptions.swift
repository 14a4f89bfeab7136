import ArgumentParser
import CoreTokens
import Foundation

/// Where PINs and PKCS#12 passphrases come from on the command line: `SCEAU_PIN` and
/// `SCEAU_PKCS12_PASSWORD` for headless use, otherwise a pinentry program.
struct PINOptions: ParsableArguments {
    @Option(help: "The pinentry program that asks for PINs (default: $SCEAU_PINENTRY, or pinentry).")
    var pinentry: String?

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The source of token PINs.
    var tokenPINs: any PINSource { source(variable: "SCEAU_PIN") }
    /// The source of PKCS#12 passphrases.
    var passphrases: any PINSource { source(variable: "SCEAU_PKCS12_PASSWORD") }
    /// The source of the passphrase protecting a PKCS#12 file being written.
    var newPassphrases: any PINSource { source(variable: "SCEAU_PKCS12_NEW_PASSWORD") }

    private func source(variable: String) -> any PINSource {
        if environment[variable] != nil { return EnvironmentPINSource(variable: variable, environment: environment) }
        return PinentrySource(program: pinentry ?? environment["SCEAU_PINENTRY"] ?? "pinentry")
    }
}
