import Foundation

/// Where the assistant keeps its files: `$SCEAU_CONFIG_DIR`, else `$XDG_CONFIG_HOME/sceau`, else
/// `~/.config/sceau`.
enum AssistantPaths {
    static var configurationDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        if let directory = environment["SCEAU_CONFIG_DIR"], !directory.isEmpty {
            return URL(fileURLWithPath: directory, isDirectory: true)
        }
        // An empty variable counts as unset (XDG Base Directory specification).
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? URL(fileURLWithPath: NSHomeDirectory(), isDirectory: true).appendingPathComponent(".config")
        return base.appendingPathComponent("sceau", isDirectory: true)
    }

    /// Where the assistant keeps the state of its remote jobs: `$SCEAU_STATE_DIR`, else
    /// `$XDG_STATE_HOME/sceau-assistant`, else `~/.local/state/sceau-assistant`.
    static var stateDirectory: URL { stateDirectory(environment: ProcessInfo.processInfo.environment) }

    static func stateDirectory(environment: [String: String]) -> URL {
        if let directory = environment["SCEAU_STATE_DIR"], !directory.isEmpty {
            return URL(fileURLWithPath: directory, isDirectory: true)
        }
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? URL(fileURLWithPath: NSHomeDirectory(), isDirectory: true).appendingPathComponent(".local/state")
        return base.appendingPathComponent("sceau-assistant", isDirectory: true)
    }

    /// The paired platforms.
    static var pairings: URL { configurationDirectory.appendingPathComponent("pairings.json") }

    /// Trust anchors for verification: every `.pem` of `<config>/trust/`.
    static var trustDirectory: URL { configurationDirectory.appendingPathComponent("trust", isDirectory: true) }

    /// Where files a page sends (to sign or verify) wait while their job runs: private to the user (0700, see
    /// ``WorkFolder/preparePrivate(_:)``).
    static var workDirectory: URL { workDirectory(environment: ProcessInfo.processInfo.environment) }

    /// `$XDG_RUNTIME_DIR/sceau-assistant-<uid>` (a folder of the user's own), else `<state>/work`: never a
    /// predictable path in a folder every user can write, such as `/tmp`.
    static func workDirectory(environment: [String: String]) -> URL {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return URL(fileURLWithPath: runtime, isDirectory: true)
                .appendingPathComponent("sceau-assistant-\(getuid())", isDirectory: true)
        }
        return stateDirectory(environment: environment).appendingPathComponent("work", isDirectory: true)
    }
}
