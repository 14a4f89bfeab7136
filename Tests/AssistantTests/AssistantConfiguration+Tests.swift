import Foundation

@testable import Assistant

extension AssistantConfiguration {
    /// An ephemeral port, a fresh pairings file holding `paired` origins, and an empty state directory.
    static func forTests(paired: [String] = []) throws -> AssistantConfiguration {
        // A configuration directory of its own: the pairings, and the plis folder the local page saves beside.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("pairings.json")
        let list = paired.map { #"{"origin":"\#($0)","pairedAt":"2026-01-01T00:00:00Z"}"# }
        try Data("[\(list.joined(separator: ","))]".utf8).write(to: file)
        var configuration = AssistantConfiguration(port: 0, pairingsFile: file)
        // Never the user's own remote jobs or downloads.
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-state-\(UUID())")
        configuration.stateDirectory = state
        configuration.plisFolder = state.appendingPathComponent("Plis")
        return configuration
    }
}
