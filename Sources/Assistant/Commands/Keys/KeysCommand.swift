import ArgumentParser

/// `sceau-assistant keys`: encryption bi-keys ("Création et ajout de bi-clé").
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate, export and import encryption bi-keys.",
        subcommands: [KeysGenerateCommand.self, KeysExportCommand.self, KeysImportCommand.self]
    )
}
