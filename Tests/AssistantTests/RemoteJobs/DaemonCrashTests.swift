import CoreProtocol
import Foundation
import TestSupport
import Testing

@testable import Assistant

#if canImport(Glibc)
    import Glibc
#endif

/// The issue's crash test: `sceau-assistant serve` killed with SIGKILL in the middle of a download a page
/// started; started again, the daemon resumes the job by itself and completes it, fetching again at
/// most the chunks that were in flight.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: DaemonProcess.binary), "needs the debug build"))
struct DaemonCrashTests {
    @Test func aDaemonKilledMidDownloadResumesTheJobAtItsNextStart() async throws {
        let platform = DownloadJobTests.platform()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-daemon-crash-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = [
            "SCEAU_CONFIG_DIR": work.appendingPathComponent("config").path,
            "SCEAU_STATE_DIR": work.appendingPathComponent("state").path,
            "XDG_RUNTIME_DIR": work.appendingPathComponent("run").path,
        ]
        let plis = work.appendingPathComponent("Plis")
        let store = RemoteJobStore(stateDirectory: work.appendingPathComponent("state"))
        try await platform.serve {
            let origin = await platform.origin
            let keyFile = work.appendingPathComponent("platform.pem")
            try platform.publicKeyPEM.write(to: keyFile, atomically: true, encoding: .utf8)
            try await run(
                DaemonProcess.binary, environment: environment,
                ["pair", origin, "--public-key", keyFile.path, "--yes"])
            let offer = try await platform.offer(kind: .download)
            let total = DownloadJobTests.total(platform)

            // First life: 100 kB/s, killed once the first chunk is served.
            let port = try freeLoopbackPort()
            let first = try DaemonProcess(
                ["serve", "--port", "\(port)", "--plis-folder", plis.path, "--max-download-rate", "100000"],
                environment: environment, log: work.appendingPathComponent("first.log"))
            try await waitForListener(port: port)
            let reply = try await onBlockingThread { () -> String in
                let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: origin)
                try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                _ = try client.receiveText()
                let params = String(
                    decoding: try JSONEncoder().encode(
                        JobsStartParams(descriptor: offer.descriptor, signature: offer.signature, jobToken: offer.token)
                    ),
                    as: UTF8.self)
                try client.sendText(#"{"jsonrpc":"2.0","id":2,"method":"jobs.start","params":\#(params)}"#)
                return try client.receiveText() ?? ""
            }
            #expect(reply.contains(#""resumed":false"#), "\(reply)")
            _ = try await platform.firstBytesServed()
            await first.kill()
            let servedBeforeKill = await platform.bytesServed
            #expect(servedBeforeKill > 0)
            #expect(servedBeforeKill < total)
            #expect(try store.load(platform.jobID)?.outcome == .running)

            // Second life, at full speed: the job resumes without any page.
            let second = try DaemonProcess(
                ["serve", "--port", "\(port)", "--plis-folder", plis.path], environment: environment,
                log: work.appendingPathComponent("second.log"))
            // The job ends in the store first, then its last progress report reaches the platform: wait for both.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let ended = try store.load(platform.jobID)?.outcome != .running
                if ended, await platform.progress.last?.state == .succeeded { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            await second.kill()
            #expect(try store.load(platform.jobID)?.outcome == .succeeded)
            #expect(await platform.claims == 1)
            #expect(await platform.bytesServed <= total + 4 * 65_536, "at most the chunks in flight again")
            for file in platform.files {
                #expect(
                    FileManager.default.contents(atPath: DownloadJobTests.destination(plis, file).path) == file.bytes)
            }
            #expect(await platform.progress.last?.state == .succeeded)
        }
    }
}

/// A `sceau-assistant` started in the background, killed with SIGKILL.
struct DaemonProcess: Sendable {
    static let binary = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
    let pid: pid_t

    init(_ arguments: [String], environment extra: [String: String], log: URL) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([Self.binary] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let variables = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in envp { free(variable) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, Self.binary, &actions, nil, argv, envp) == 0 else {
            throw DaemonDidNotStart()
        }
        self.pid = pid
    }

    /// SIGKILL, and the process reaped.
    func kill() async {
        let pid = pid
        _ = try? await onDedicatedThread {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}

/// `posix_spawn` refused to start the daemon.
struct DaemonDidNotStart: Error {}
