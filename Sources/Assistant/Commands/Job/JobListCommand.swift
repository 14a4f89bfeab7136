import ArgumentParser
import CorePlatformAPI
import Foundation

/// `sceau-assistant job list`: the remote jobs in the assistant's state and how far each got.
struct JobListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the remote jobs the assistant keeps and their state.")

    func run() throws {
        let store = RemoteJobStore(stateDirectory: AssistantPaths.stateDirectory)
        let jobs = store.all()
        if jobs.isEmpty { print("No remote job.") }
        for (id, state) in jobs {
            let descriptor = Data(base64Encoded: state.descriptor).flatMap {
                try? JSONDecoder().decode(PlatformAPI.RemoteJobDescriptor.self, from: $0)
            }
            let kind = descriptor?.kind.rawValue ?? "?"
            let reference = descriptor?.consultation.reference ?? "?"
            let total = descriptor?.fileCount ?? 0
            let done = state.files.values.filter { $0.phase == .done }.count
            var line =
                "\(id)  \(kind)  \(reference)  \(state.outcome.rawValue)  \(done)/\(total) fichier(s)  \(state.origin)"
            if let error = state.error, state.outcome != .succeeded { line += "\n    \(error)" }
            print(line)
        }
    }
}
