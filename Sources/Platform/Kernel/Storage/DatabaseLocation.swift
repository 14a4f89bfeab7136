import Foundation

/// Where the platform's relational data lives: the embedded SQLite file, or a PostgreSQL server.
package enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// Reads `--database-url`: absent means SQLite under the data directory; `postgres://` or
    /// `postgresql://` means PostgreSQL; `sqlite:PATH` names another SQLite file.
    package init(url: String?, dataDirectory: String) throws {
        guard let url, !url.isEmpty else {
            self = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("sceau.sqlite"))
            return
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else if url.hasPrefix("sqlite:") {
            self = .sqlite(path: String(url.dropFirst("sqlite:".count)))
        } else {
            throw StorageError.unsupportedDatabaseURL(url)
        }
    }
}

/// A failure of the platform's storage, with what the operator should do about it.
package enum StorageError: Error, CustomStringConvertible, Equatable {
    case unsupportedDatabaseURL(String)
    case cannotCreateDataDirectory(path: String, reason: String)
    case corruptTree(organisationID: Int64)
    case sqliteInUse(path: String)
    case databaseUnreachable(seconds: Int, attempts: Int, reason: String)

    package var description: String {
        switch self {
        case .unsupportedDatabaseURL(let url):
            "Unsupported database URL \"\(url)\": use postgres://user:password@host:port/database, or leave it out for SQLite."
        case .cannotCreateDataDirectory(let path, let reason):
            "Cannot create the data directory \(path) (\(reason)): choose another one with --data-dir."
        case .corruptTree(let id):
            "The organisation tree loops above organisation \(id): repair parent_id in the database."
        case .sqliteInUse(let path):
            "Another sceau-platform already serves the SQLite database \(path): SQLite serves one node only. Stop it, or run several nodes over PostgreSQL (--database-url postgres://…)."
        case .databaseUnreachable(let seconds, let attempts, let reason):
            "The database did not answer within \(seconds) s (\(attempts) attempts; last error: \(reason)): check that it runs and that --database-url is right, or wait longer with --database-wait."
        }
    }
}
