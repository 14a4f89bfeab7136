import ArgumentParser
import Crypto
import Foundation
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
                "Checks the hash chain against itself and against every signed checkpoint of the database and of "
                + "--journal-checkpoints FILE (their signatures and time-stamps too). Prints \"journal intact: N "
                + "entries, head HASH\" and what the checkpoints showed, and exits 0; or names the first broken entry, "
                + "or the forged checkpoint, and exits 1."
        )

        @OptionGroup var storage: StorageOptions

        @Option(help: "The export file of the journal's checkpoints (serve --journal-checkpoints), to check against.")
        var journalCheckpoints: String?

        @Option(
            help: "The platform's public key in PEM (sceau-platform signing-key), when not the data directory's key."
        )
        var publicKey: String?

        @Option(help: "Entries read at a time.")
        var pageSize: Int = JournalRepository.defaultPageSize

        func validate() throws {
            guard pageSize > 0 else { throw ValidationError("--page-size must be at least 1.") }
        }

        func run() async throws {
            let audit = try await self.audit()
            print(audit)
            if !audit.isIntact { throw ExitCode.failure }
        }

        /// What the verification finds, without printing it.
        func audit() async throws -> JournalAudit {
            let key = try platformKey()
            let file = journalCheckpoints.map { JournalCheckpointFile(path: $0) }
            let pageSize = pageSize
            return try await Database.using(try storage.location(), logger: Logger(label: "sceau-platform")) {
                database in
                try await JournalAuditor(database: database, publicKey: key, file: file, pageSize: pageSize).audit()
            }
        }

        private func platformKey() throws -> P256.Signing.PublicKey? {
            if let publicKey {
                guard let data = FileManager.default.contents(atPath: publicKey),
                    let key = try? P256.Signing.PublicKey(pemRepresentation: String(decoding: data, as: UTF8.self))
                else { throw ValidationError("--public-key must name an ECDSA P-256 public key in PEM.") }
                return key
            }
            return try PlatformSigningKey.load(storage.dataDir + "/" + PlatformSigningKey.fileName)?.privateKey
                .publicKey
        }
    }
}
