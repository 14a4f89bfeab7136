import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `sceau-assistant deposit`: seals files for a consultation's recipients and deposits them on the platform,
/// resumably, then prints the receipt. For bidders' scripts and tests.
struct DepositCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deposit",
        abstract: "Seal files and deposit them for a consultation on the platform; print the receipt.",
        discussion: """
            The login comes from --login or SCEAU_PLATFORM_LOGIN, the password from SCEAU_PLATFORM_PASSWORD \
            (never the command line; asked on the terminal when unset). Each file is sealed for every \
            certificate the consultation publishes into a state directory keyed by the command line; running \
            the same command again after a crash or a network cut resumes the same deposit and sends only the \
            chunks the platform lacks. The receipt is saved there as receipt.json.

            Exit status: 0 deposited (receipt printed); 1 other failure; 2 a file or an envelope does not fit \
            the consultation; 3 refused by the platform (not online, deadline passed, file refused); \
            4 no credentials or wrong login or password; 5 platform unreachable after the retries (run the \
            same command again to resume); 64 usage.
            """
    )

    @Option(help: "The platform's URL, e.g. https://marches.example.fr.")
    var platform: String

    @Option(help: "The consultation's reference.")
    var consultation: String

    @Option(
        name: .customLong("envelope"),
        help: ArgumentHelp(
            "A file for an envelope, e.g. candidature=DC1.pdf or offre=offre.pdf; repeatable.", valueName: "ENV=FILE"))
    var envelopes: [String] = []

    @Option(help: "The company account's login (default: SCEAU_PLATFORM_LOGIN).")
    var login: String?

    @Option(help: "Where deposits keep their state (default: $XDG_STATE_HOME/sceau/deposits).")
    var stateDir: String?

    @Option(help: "Chunks sent at the same time.")
    var parallel: Int = 4

    @Option(help: "Retries of a request after a network error or a 5xx answer, with exponential backoff.")
    var retries: Int = 6

    @Flag(help: "Start a new deposit even if this command already completed one (it replaces the earlier one).")
    var new = false

    @Flag(
        help: """
            Print the receipt as JSON (with the time-stamp token, the deposit and the state directory); \
            on failure, {"error": …}.
            """)
    var json = false

    @Option(help: .hidden)
    var interruptAfterChunks: Int?

    func validate() throws {
        guard !envelopes.isEmpty else {
            throw ValidationError("Give at least one --envelope ENV=FILE, e.g. --envelope offre=offre.pdf.")
        }
        for envelope in envelopes where Self.split(envelope) == nil {
            throw ValidationError("--envelope \(envelope): write ENV=FILE, e.g. candidature=DC1.pdf.")
        }
        guard parallel >= 1, parallel <= 32 else { throw ValidationError("--parallel takes 1 to 32.") }
        guard retries >= 0 else { throw ValidationError("--retries takes 0 or more.") }
    }

    static func split(_ value: String) -> (String, String)? {
        guard let equals = value.firstIndex(of: "=") else { return nil }
        let envelope = String(value[..<equals])
        let path = String(value[value.index(after: equals)...])
        return envelope.isEmpty || path.isEmpty ? nil : (envelope, path)
    }

    func run() async throws {
        do {
            let outcome = try await deposit()
            let output = try json ? Self.json(outcome) : Self.text(outcome)
            print(output, terminator: "")
        } catch let error as DepositError {
            Self.report("Error: \(error.description)")
            if json, let data = try? JSONEncoder().encode(["error": error.description]) {
                print(String(decoding: data, as: UTF8.self))
            }
            throw error.exitCode
        }
    }

    private func deposit() async throws(DepositError) -> DepositRun.Outcome {
        let environment = ProcessInfo.processInfo.environment
        guard let login = login ?? environment["SCEAU_PLATFORM_LOGIN"], !login.isEmpty else {
            throw .authentication("Give the company account's login with --login or SCEAU_PLATFORM_LOGIN.")
        }
        guard let password = environment["SCEAU_PLATFORM_PASSWORD"] ?? Self.askPassword(), !password.isEmpty else {
            throw .authentication(
                "Set SCEAU_PLATFORM_PASSWORD to the company account's password (it is never read from the command line)."
            )
        }
        let current = FileManager.default.currentDirectoryPath
        let inputs = envelopes.compactMap(Self.split).map { envelope, path in
            DepositRun.Input(
                envelope: envelope,
                path: path.hasPrefix("/")
                    ? path : URL(fileURLWithPath: current).appendingPathComponent(path).standardizedFileURL.path)
        }
        let client = PlatformClient(
            platform: platform, login: login, password: password, retries: retries, connections: parallel)
        let run = DepositRun(
            client: client, reference: consultation, inputs: inputs,
            stateBase: stateDir.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? DepositState.defaultBase(),
            parallel: parallel, fresh: new, interruptAfterChunks: interruptAfterChunks,
            log: { message in Self.report(message) })
        return try await run.run()
    }

    /// Asks for the password on the terminal, when there is one.
    private static func askPassword() -> String? {
        guard isatty(0) == 1, let typed = getpass("Password of the company account: ") else { return nil }
        return String(cString: typed)
    }

    private static func report(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// The human receipt: the time of receipt and each file's SHA-256.
    static func text(_ outcome: DepositRun.Outcome) -> String {
        let receipt = outcome.receipt.receipt
        var lines = [
            "Accusé de réception — dépôt n° \(receipt.depositId)",
            "Consultation : \(receipt.consultationReference) — \(receipt.consultationTitle)",
            "Entreprise : \(receipt.companyName) (SIRET \(receipt.siret)), déposé par \(receipt.bidder)",
            "Reçu le : \(receipt.receivedAtText) (heure de Paris)",
        ]
        for file in receipt.files {
            lines.append("  \(file.envelope) — \(file.name) — \(file.size) octets — SHA-256 \(file.sha256)")
        }
        if !receipt.supersedes.isEmpty {
            lines.append("Remplace le(s) dépôt(s) : \(receipt.supersedes.map(String.init).joined(separator: ", "))")
        }
        lines.append(
            outcome.receipt.timestampToken == nil
                ? "Horodatage : aucun" : "Horodatage : jeton RFC 3161 joint, vérifié sur cet accusé")
        lines.append(
            "\(outcome.chunksSent) chunk(s) sent, \(outcome.chunksAlreadyStored) already on the platform; receipt saved in "
                + outcome.directory.appendingPathComponent("receipt.json").path)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON output: the platform's receipt answer plus the deposit, the state directory and the chunk counts.
    static func json(_ outcome: DepositRun.Outcome) throws -> String {
        var object = (try JSONSerialization.jsonObject(with: outcome.receiptJSON) as? [String: Any]) ?? [:]
        object["depositId"] = Int(outcome.depositID)
        object["stateDirectory"] = outcome.directory.path
        object["chunksSent"] = outcome.chunksSent
        object["chunksAlreadyStored"] = outcome.chunksAlreadyStored
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
