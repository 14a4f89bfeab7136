import ArgumentParser
import CoreTokens

/// `--module PATH`: the PKCS#11 modules a command uses.
struct TokenOptions: ParsableArguments {
    @Option(help: "Load this PKCS#11 module instead of the ones registered with p11-kit.")
    var module: String?

    /// The given module, or every module registered with p11-kit.
    func library() throws -> P11Library {
        try module.map { try P11Library.module(atPath: $0) } ?? P11Library.registered()
    }
}
