import Foundation

/// Times are stored as whole seconds since 1970 (UTC) in BIGINT columns on both backends:
/// deadlines are compared to the second, and no driver converts them behind our back.
package enum Timestamp {
    package static func now() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}
