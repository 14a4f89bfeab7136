import ArgumentParser
import Logging
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// `sceau-platform migrate`: brings the database schema up to date and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the database schema, then exit."
    )

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        try await Database.using(try storage.location(), logger: Logger(label: "sceau-platform")) { database in
            let applied = try await Migrator(database: database).migrate()
            print(applied.isEmpty ? "The schema is up to date." : "Applied: \(applied.joined(separator: ", "))")
        }
    }
}
