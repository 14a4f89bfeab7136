import Foundation

/// The name of this platform process among the nodes of a cluster (`serve --node-id`): it holds background
/// leases and appears in the log.
package enum NodeID {
    /// `hostname-pid`: unique among live processes, and a restarted node is a new holder.
    package static var `default`: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
