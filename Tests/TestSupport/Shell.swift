import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and returns its standard output; throws when it exits non-zero or
/// runs longer than `timeout` seconds (then it is killed).
///
/// Uses posix_spawn and waitpid rather than Foundation's `Process`, which on Linux notices a child's
/// end only when every process holding its monitoring socket closed it: a daemon that a fixture script
/// starts in the background would keep the test waiting. Output goes through a file for the same reason.
@discardableResult
public func run(
    _ executable: String, environment extra: [String: String] = [:], _ arguments: [String], timeout: TimeInterval = 120
) throws -> String {
    let command = ([executable] + arguments).joined(separator: " ")
    let result = try runReturningStatus(executable, environment: extra, arguments, timeout: timeout)
    guard result.status == 0 else { throw CommandFailed(command: command, status: result.status) }
    return result.output
}

/// Runs a program to completion like ``run(_:environment:_:timeout:)`` and returns its exit status (-1 when
/// killed by a signal) with its standard output, whatever the status; throws only when it cannot start
/// or does not finish in time.
public func runReturningStatus(
    _ executable: String, environment extra: [String: String] = [:], _ arguments: [String], timeout: TimeInterval = 120
) throws -> (status: Int32, output: String) {
    let command = ([executable] + arguments).joined(separator: " ")
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-run-\(UUID().uuidString)")
        .path
    defer { unlink(outputPath) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    // The child gets this process's environment plus `extra`, without touching ours (tests run in parallel).
    let variables = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for variable in envp { free(variable) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard spawned == 0 else { throw CommandFailed(command: command, status: -1) }

    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if Date() > deadline {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            throw CommandFailed(command: command, status: nil)
        }
        usleep(20_000)
    }
    let exited = status & 0x7f == 0
    let exitCode = (status >> 8) & 0xff
    // Tools print bytes, not always UTF-8 (openssl escapes some, not all): decode leniently.
    let data = FileManager.default.contents(atPath: outputPath) ?? Data()
    return (exited ? exitCode : -1, String(decoding: data, as: UTF8.self))
}

/// A command run by a test failed: its exit status, -1 when it could not start or was killed by a
/// signal, `nil` when it did not finish in time.
public struct CommandFailed: Error, CustomStringConvertible {
    public let command: String
    public let status: Int32?
    public var description: String {
        switch status {
        case nil: "`\(command)` did not finish in time and was killed"
        case -1: "`\(command)` could not start or was killed by a signal"
        case let code?: "`\(command)` exited with status \(code)"
        }
    }
}

/// Runs a program like ``run(_:environment:_:timeout:)`` on a thread of its own, so that waiting for it
/// never holds one of the few threads every test and in-process server of the run share.
@discardableResult
public func run(
    _ executable: String, environment extra: [String: String] = [:], _ arguments: [String], timeout: TimeInterval = 120
) async throws -> String {
    try await onDedicatedThread { try run(executable, environment: extra, arguments, timeout: timeout) }
}

/// ``runReturningStatus(_:environment:_:timeout:)`` on a thread of its own.
public func runReturningStatus(
    _ executable: String, environment extra: [String: String] = [:], _ arguments: [String], timeout: TimeInterval = 120
) async throws -> (status: Int32, output: String) {
    try await onDedicatedThread {
        try runReturningStatus(executable, environment: extra, arguments, timeout: timeout)
    }
}

/// Runs blocking `work` on a new thread and resumes the caller with its result.
public func onDedicatedThread<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
