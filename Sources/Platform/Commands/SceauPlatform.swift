import ArgumentParser
import CoreModel
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// `sceau-platform`: the procurement web platform.
@main
struct SceauPlatform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sceau-platform",
        abstract: "Serves public entities, consultations and sealed bids to agents, bidders and their assistants.",
        version: SceauVersion.current,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoDataCommand.self, EntityCommand.self, JournalCommand.self,
            SigningKeyCommand.self, RequestAdminCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
