import ArgumentParser
import Logging
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// `sceau-platform demo-data`: loads the demonstration entity and its services (idempotent).
struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Load the demonstration data (a public entity and its services) if absent."
    )

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        try await Database.using(try storage.location(), logger: Logger(label: "sceau-platform")) { database in
            _ = try await Migrator(database: database).migrate()
            let created = try await DemoData.load(into: database)
            print(created ? "Demo data loaded." : "Demo data already present.")
        }
    }
}
