import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `sceau-assistant deposit` against a real `sceau-platform serve` with the demo data: a deposit cut after
/// two chunks and a platform restart resumes without sending them again, the platform keeps the sealed files
/// byte for byte and each demo key opens them; refusals name what happened, with their exit status.
@Suite(.enabled(if: DebugBinaries.built, "needs .build/debug/sceau-assistant and sceau-platform"))
struct DepositCommandTests {
    let assistant = DebugBinaries.directory.appendingPathComponent("sceau-assistant").path
    let platformBinary = DebugBinaries.directory.appendingPathComponent("sceau-platform").path
    let work: URL
    let data: URL
    let port: Int

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-deposit-cli-\(UUID())")
        data = work.appendingPathComponent("platform")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        port = try freeLoopbackPort()
        try run(platformBinary, ["demo-data", "--data-dir", data.path])
    }

    private var credentials: [String: String] {
        ["SCEAU_PLATFORM_LOGIN": "entreprise-demo", "SCEAU_PLATFORM_PASSWORD": "sceau-demo"]
    }

    private func file(_ name: String, size: Int) throws -> Data {
        let bytes = Data((0..<size).map { _ in UInt8.random(in: 0...255) })
        try bytes.write(to: work.appendingPathComponent(name))
        return bytes
    }

    /// Runs the deposit command with standard error folded into the output.
    private func deposit(_ extra: [String], environment: [String: String]? = nil) throws -> (
        status: Int32, output: String
    ) {
        try runReturningStatus(
            "/bin/sh",
            environment: environment ?? credentials,
            [
                "-c", "exec \"$0\" \"$@\" 2>&1", assistant, "deposit", "--platform", "http://127.0.0.1:\(port)",
                "--consultation", "DEMO_2026_001", "--state-dir", work.appendingPathComponent("state").path,
            ] + extra)
    }

    private struct Output: Decodable {
        struct Receipt: Decodable {
            struct File: Decodable {
                let envelope: String
                let name: String
                let sha256: String
            }
            let receivedAtText: String
            let files: [File]
        }
        let receipt: Receipt
        let depositId: Int64
        let stateDirectory: String
        let chunksSent: Int
        let chunksAlreadyStored: Int
    }

    @Test func aDepositCutAfterTwoChunksResumesAfterARestartAndEveryKeyOpensIt() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let application = try file("DC1.pdf", size: 3_000)
        let offer = try file("offre.pdf", size: (7 << 19) + 5)  // 3.5 MiB: four chunks sealed
        let envelopes = [
            "--envelope", "candidature=" + work.appendingPathComponent("DC1.pdf").path, "--envelope",
            "offre=" + work.appendingPathComponent("offre.pdf").path, "--parallel", "1", "--json",
        ]
        var platform = try BackgroundProcess.platform(platformBinary, data: data, port: port)
        defer { platform.stop() }
        try await waitForListener(port: port)
        let cut = try deposit(envelopes + ["--interrupt-after-chunks", "2"])
        #expect(cut.status == 5, "\(cut.output)")
        #expect(cut.output.contains("run the same command again to resume"))
        platform.stop()
        platform = try BackgroundProcess.platform(platformBinary, data: data, port: port)
        try await waitForListener(port: port)

        let resumed = try deposit(envelopes)
        #expect(resumed.status == 0, "\(resumed.output)")
        let json = try #require(resumed.output.range(of: "{\n").map { String(resumed.output[$0.lowerBound...]) })
        let outcome = try JSONDecoder().decode(Output.self, from: Data(json.utf8))
        #expect(outcome.chunksAlreadyStored == 2)
        #expect(outcome.chunksSent == 3)
        #expect(outcome.receipt.files.map(\.name) == ["DC1.pdf.p7m", "offre.pdf.p7m"])
        #expect(FileManager.default.fileExists(atPath: outcome.stateDirectory + "/receipt.json"))

        let sealed = [
            outcome.stateDirectory + "/1-candidature-DC1.pdf.p7m", outcome.stateDirectory + "/2-offre-offre.pdf.p7m",
        ]
        for (file, path) in zip(outcome.receipt.files, sealed) {
            let hash = try await run("/usr/bin/openssl", ["dgst", "-sha256", "-r", path]).prefix(64)
            #expect(String(hash) == file.sha256)
            let stored = data.appendingPathComponent("files/\(file.sha256.prefix(2))/\(file.sha256.dropFirst(2))")
            #expect(FileManager.default.contents(atPath: stored.path) == FileManager.default.contents(atPath: path))
        }
        for key in ["personnelle", "secours"] {
            for (original, path) in zip([application, offer], sealed) {
                let opened = work.appendingPathComponent("opened-\(key)").path
                let keys = data.appendingPathComponent("demo-keys")
                try await run(
                    "/usr/bin/openssl",
                    [
                        "cms", "-decrypt", "-binary", "-inform", "DER", "-in", path, "-recip",
                        keys.appendingPathComponent("\(key).pem").path, "-inkey",
                        keys.appendingPathComponent("\(key).key").path, "-out", opened,
                    ])
                #expect(FileManager.default.contents(atPath: opened) == original, "opened with the \(key) key")
            }
        }

        // The same command again prints the same receipt and sends nothing.
        let again = try deposit(Array(envelopes.dropLast()))
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("Accusé de réception — dépôt n° \(outcome.depositId)"))
        #expect(again.output.contains(outcome.receipt.receivedAtText))
        #expect(again.output.contains("SHA-256 \(outcome.receipt.files[1].sha256)"))
        #expect(again.output.contains("0 chunk(s) sent"))
    }

    @Test func aDepositKilledMidUploadResumesTheSameDepositWithTheSameSealedFiles() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try file("offre.pdf", size: 12 << 20)
        _ = try file("DC1.pdf", size: 500)
        let platform = try BackgroundProcess.platform(platformBinary, data: data, port: port)
        defer { platform.stop() }
        try await waitForListener(port: port)
        let state = work.appendingPathComponent("state")
        let arguments = [
            "deposit", "--platform", "http://127.0.0.1:\(port)", "--consultation", "DEMO_2026_001", "--state-dir",
            state.path, "--envelope", "candidature=" + work.appendingPathComponent("DC1.pdf").path, "--envelope",
            "offre=" + work.appendingPathComponent("offre.pdf").path, "--parallel", "1", "--json",
        ]
        // Killed (SIGKILL: no clean-up) once it has started sending chunks.
        let log = work.appendingPathComponent("killed.log")
        let killed = try BackgroundProcess([assistant] + arguments, log: log, environment: credentials)
        var sending = false
        for _ in 0..<12_000 where !sending {
            sending = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
                .contains("Sending")
            if !sending { try await Task.sleep(for: .milliseconds(5)) }
        }
        killed.stop(SIGKILL)
        try #require(sending, "the first run started sending chunks")
        let directory = try #require(try FileManager.default.contentsOfDirectory(atPath: state.path).first)
        let before = try JSONDecoder().decode(
            SavedState.self,
            from: try Data(contentsOf: state.appendingPathComponent("\(directory)/state.json")))
        let sealed = try Data(contentsOf: state.appendingPathComponent("\(directory)/2-offre-offre.pdf.p7m"))

        let resumed = try deposit(Array(arguments.dropFirst(7)))
        #expect(resumed.status == 0, "\(resumed.output)")
        let json = try #require(resumed.output.range(of: "{\n").map { String(resumed.output[$0.lowerBound...]) })
        let outcome = try JSONDecoder().decode(Output.self, from: Data(json.utf8))
        #expect(outcome.depositId == before.depositID)
        #expect(outcome.chunksSent + outcome.chunksAlreadyStored == 14)
        let after = try Data(contentsOf: state.appendingPathComponent("\(directory)/2-offre-offre.pdf.p7m"))
        #expect(after == sealed, "the sealed file of the first run is the one sent")
        let stored = data.appendingPathComponent(
            "files/\(outcome.receipt.files[1].sha256.prefix(2))/\(outcome.receipt.files[1].sha256.dropFirst(2))")
        #expect(FileManager.default.contents(atPath: stored.path) == sealed)
    }

    private struct SavedState: Decodable {
        let depositID: Int64?
    }

    @Test func refusalsSayWhatHappenedWithTheirExitStatus() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try file("offre.pdf", size: 100)
        let platform = try BackgroundProcess.platform(platformBinary, data: data, port: port)
        defer { platform.stop() }
        try await waitForListener(port: port)
        let offer = ["--envelope", "offre=" + work.appendingPathComponent("offre.pdf").path, "--retries", "0"]

        let wrongPassword = try deposit(
            offer, environment: ["SCEAU_PLATFORM_LOGIN": "entreprise-demo", "SCEAU_PLATFORM_PASSWORD": "wrong-one"])
        #expect(wrongPassword.status == 4)
        #expect(wrongPassword.output.contains("refused the login entreprise-demo"))
        let noPassword = try deposit(offer, environment: ["SCEAU_PLATFORM_LOGIN": "entreprise-demo"])
        #expect(noPassword.status == 4)
        #expect(noPassword.output.contains("SCEAU_PLATFORM_PASSWORD"))

        let unknownEnvelope = try deposit(["--envelope", "anonymat=" + work.appendingPathComponent("offre.pdf").path])
        #expect(unknownEnvelope.status == 2)
        #expect(unknownEnvelope.output.contains("no envelope « anonymat »"))

        try await run(
            "/usr/bin/sqlite3",
            [
                data.appendingPathComponent("sceau.sqlite").path,
                "UPDATE consultations SET deadline = strftime('%s','now') - 60 WHERE reference = 'DEMO_2026_001'",
            ])
        let late = try deposit(offer + ["--json"])
        #expect(late.status == 3)
        #expect(late.output.contains("its deadline has passed"))
        #expect(late.output.contains("{\"error\":\"The consultation DEMO_2026_001 is not online"))
    }
}

/// The programs `swift build` made, run as scripts do.
private enum DebugBinaries {
    static let directory = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug")
    static var built: Bool {
        ["sceau-assistant", "sceau-platform"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent($0).path)
        }
    }
}

/// A background program could not start: the command line that failed.
private struct DidNotStart: Error {
    let command: String
}

/// A program running in the background, its output appended to a log file.
private struct BackgroundProcess {
    let pid: pid_t

    init(_ arguments: [String], log: URL, environment extra: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let variables = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in envp { free(variable) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, envp) == 0 else {
            throw DidNotStart(command: arguments.joined(separator: " "))
        }
        self.pid = pid
    }

    /// `sceau-platform serve` on `port` with its data in `data`.
    static func platform(_ binary: String, data: URL, port: Int) throws -> BackgroundProcess {
        try BackgroundProcess(
            [binary, "serve", "--data-dir", data.path, "--port", String(port), "--log-level", "warning"],
            log: data.appendingPathComponent("serve.log"))
    }

    /// Sends `signal` (SIGTERM by default; SIGKILL after 10 s) and waits for the end.
    func stop(_ signal: Int32 = SIGTERM) {
        kill(pid, signal)
        var status: Int32 = 0
        for _ in 0..<500 {
            if waitpid(pid, &status, WNOHANG) != 0 { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}
