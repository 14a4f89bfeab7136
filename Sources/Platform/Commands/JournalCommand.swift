import ArgumentParser
import Logging
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// `sceau-platform journal`: the hash-chained journal of state changes and accesses to bids.
struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Inspect the platform's hash-chained journal.",
        subcommands: [Verify.self]
    )

    /// `sceau-platform journal verify`: exits 0 when the chain is intact, 1 naming the first broken entry.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that no journal entry was edited, deleted or reordered.",
            discussion:
                "Prints \"journal intact: N entries, head HASH\" and exits 0, or names the first broken entry and exits 1."
        )

        @OptionGroup var storage: StorageOptions

        @Option(help: "Entries read at a time.")
        var pageSize: Int = JournalRepository.defaultPageSize

        func validate() throws {
            guard pageSize > 0 else { throw ValidationError("--page-size must be at least 1.") }
        }

        func run() async throws {
            let pageSize = pageSize
            let verification = try await Database.using(
                try storage.location(), logger: Logger(label: "sceau-platform")
            ) { database in
                try await database.session { sql in try await JournalRepository(sql: sql).verify(pageSize: pageSize) }
            }
            print(verification)
            if case .broken = verification { throw ExitCode.failure }
        }
    }
}
