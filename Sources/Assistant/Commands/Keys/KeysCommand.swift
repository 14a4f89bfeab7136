import ArgumentParser

/// `sceau-assistant keys`: encryption bi-keys ("Création et ajout de bi-clé").
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate encryption bi-keys and export their certificates for the platform.",
        subcommands: [KeysGenerateCommand.self, KeysExportCommand.self]
    )
}
