import Foundation

@testable import Assistant

extension AssistantConfiguration {
    /// An ephemeral port and a fresh pairings file holding `paired` origins.
    static func forTests(paired: [String] = []) throws -> AssistantConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-pairings-\(UUID()).json")
        let list = paired.map { #"{"origin":"\#($0)","pairedAt":"2026-01-01T00:00:00Z"}"# }
        try Data("[\(list.joined(separator: ","))]".utf8).write(to: file)
        return AssistantConfiguration(port: 0, pairingsFile: file)
    }
}
