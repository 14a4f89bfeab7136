import ArgumentParser
import Logging
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// Where the platform keeps its data: shared by every command that opens the database.
struct StorageOptions: ParsableArguments {
    @Option(help: "Directory of the platform's data: the SQLite database and the stored files.")
    var dataDir: String = PlatformConfiguration.defaultDataDirectory

    @Option(help: "postgres://user:password@host:port/database to use PostgreSQL instead of the embedded SQLite.")
    var databaseURL: String?

    /// The database these options designate.
    func location() throws -> DatabaseLocation {
        try DatabaseLocation(url: databaseURL, dataDirectory: dataDir)
    }
}
