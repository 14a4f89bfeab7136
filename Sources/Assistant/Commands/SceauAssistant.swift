import ArgumentParser
import CoreModel

/// `sceau-assistant`: the workstation daemon and its command line for headless use.
@main
struct SceauAssistant: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sceau-assistant",
        abstract: "Signs, seals and opens public-procurement files for the platform pages of this workstation.",
        version: SceauVersion.current,
        subcommands: [
            ServeCommand.self, TokensCommand.self, CertificatesCommand.self, SignCommand.self, VerifyCommand.self,
            EncryptCommand.self, DecryptCommand.self, DepositCommand.self, JobCommand.self,
            KeysCommand.self, PairCommand.self,
            UnpairCommand.self, PairingsCommand.self, ConfigTestCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
