import ArgumentParser
import Foundation

/// `sceau-assistant pair ORIGIN`: allows a platform's pages to use this assistant. The user confirms
/// here, outside any web page.
struct PairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "Allow the pages of a platform (https origin) to use this assistant."
    )

    @Argument(help: "The platform's origin, e.g. https://marches.example.fr")
    var origin: String

    @Option(help: "The platform's public key (PEM file), pinned to check the jobs it signs.")
    var publicKey: String?

    @Flag(help: "Do not ask for confirmation (scripts that already asked the user).")
    var yes = false

    func run() async throws {
        let origin = try PlatformOrigin(origin)
        let key = try publicKey.map { try String(contentsOfFile: $0, encoding: .utf8) }
        if !yes {
            print(
                "Allow the pages of \(origin) to sign, verify and open plis with this assistant? [y/N] ", terminator: ""
            )
            guard let answer = readLine(), ["y", "yes", "o", "oui"].contains(answer.lowercased()) else {
                throw PairingError.notConfirmed
            }
        }
        try await PairingStore(file: AssistantPaths.pairings).pair(origin, publicKeyPEM: key)
        print("Paired with \(origin).")
    }
}

/// `sceau-assistant unpair ORIGIN`: withdraws a platform's access.
struct UnpairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpair", abstract: "Withdraw the access of a paired platform.")

    @Argument(help: "The platform's origin.")
    var origin: String

    func run() async throws {
        let origin = try PlatformOrigin(origin)
        let removed = try await PairingStore(file: AssistantPaths.pairings).unpair(origin)
        print(removed ? "\(origin) is no longer paired." : "\(origin) was not paired.")
    }
}

/// `sceau-assistant pairings`: the paired platforms.
struct PairingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pairings", abstract: "List the paired platforms.")

    func run() async throws {
        let pairings = try await PairingStore(file: AssistantPaths.pairings).all()
        if pairings.isEmpty { print("No platform is paired.") }
        for pairing in pairings {
            let key = pairing.publicKeyPEM == nil ? "no key pinned" : "key pinned"
            print("\(pairing.origin)  paired \(pairing.pairedAt.formatted(.iso8601)), \(key)")
        }
    }
}
