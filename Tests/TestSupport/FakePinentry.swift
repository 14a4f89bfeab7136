import Foundation

/// A pinentry program for tests: a small script around `scripts/fixtures/pinentry-fake.sh` that carries
/// its own answer.
///
/// The answer lives in the script, never in the test process's environment: every suite of every test
/// target runs in one process, in parallel, and a variable set by one would reach the pinentry of another.
public enum FakePinentry {
    /// Writes the script beside `log` and returns its path. It answers `pin`, or cancels when `pin` is nil,
    /// and appends every Assuan command it receives to `log`, to check what the user was shown.
    public static func program(answering pin: String?, log: URL) throws -> String {
        let fake = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/fixtures/pinentry-fake.sh").path
        let script = log.deletingLastPathComponent().appendingPathComponent("pinentry-\(UUID())").path
        let answer = pin.map { "SCEAU_FAKE_PIN_CANCEL=0 SCEAU_FAKE_PIN=\(quoted($0))" } ?? "SCEAU_FAKE_PIN_CANCEL=1"
        try "#!/bin/sh\n\(answer) SCEAU_FAKE_PIN_LOG=\(quoted(log.path)) exec \(quoted(fake))\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        guard chmod(script, 0o755) == 0 else { throw CommandFailed(command: "chmod \(script)", status: errno) }
        return script
    }

    /// `text` as one shell word, whatever it holds.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
