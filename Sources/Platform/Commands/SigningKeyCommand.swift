import ArgumentParser
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// `sceau-platform signing-key`: prints the public key that signs remote job descriptors (PEM), creating
/// the key pair in the data directory when absent, for `sceau-assistant pair ORIGIN --public-key FILE`.
struct SigningKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signing-key",
        abstract: "Print the platform's public signing key (PEM), which assistants pin when pairing."
    )

    @Option(help: "Directory of the platform's data, where platform-signing-key.pem lives.")
    var dataDir: String = PlatformConfiguration.defaultDataDirectory

    func run() throws {
        print(try PlatformSigningKey.loadOrCreate(dataDirectory: dataDir).publicKeyPEM, terminator: "")
    }
}
