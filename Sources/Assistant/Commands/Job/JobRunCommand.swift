import ArgumentParser
import CorePlatformAPI
import Foundation

/// `sceau-assistant job run --offer FILE.json`: runs (or resumes) a remote job in the foreground, with
/// the same checks and runner as `jobs.start` from a page.
struct JobRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a remote job the platform offered (the JSON of POST /api/consultations/{id}/jobs).",
        discussion: """
            The platform's origin must be paired with its public key (sceau-assistant pair ORIGIN \
            --public-key FILE). A job the assistant already knows resumes where it stopped. Online opening \
            asks the token's PIN from SCEAU_PIN or pinentry. Exit status: 0 done, 1 the job failed, 3 the \
            offer was refused (signature, origin, job token), 5 the platform cannot be reached.
            """
    )

    @Option(help: ArgumentHelp("The platform's job offer (JSON: descriptor, signature, token).", valueName: "file"))
    var offer: String

    @Option(help: "The token holding the decryption key (online opening; default: the only token present).")
    var token: String?

    @Option(help: ArgumentHelp("Where downloaded plis go (default: $XDG_DOWNLOAD_DIR/Sceau).", valueName: "dir"))
    var plisFolder: String?

    @Option(help: ArgumentHelp("Cap the download rate (bytes per second).", valueName: "bytes-per-second"))
    var maxDownloadRate: Int?

    @OptionGroup var pins: PINOptions

    func validate() throws {
        if let maxDownloadRate, maxDownloadRate <= 0 {
            throw ValidationError("--max-download-rate must be a positive number of bytes per second.")
        }
    }

    func run() async throws {
        let offer: PlatformAPI.RemoteJobOffer
        let platform: String
        do {
            offer = try JSONDecoder().decode(
                PlatformAPI.RemoteJobOffer.self, from: Data(contentsOf: URL(fileURLWithPath: self.offer)))
            platform = try Self.unverifiedPlatform(of: offer)
        } catch {
            print("\(self.offer) is not a job offer of the platform (\(error)).")
            throw ExitCode(3)
        }
        let settings = RemoteJobSettings(
            stateDirectory: AssistantPaths.stateDirectory,
            plisFolder: plisFolder.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? PlisFolderSetting.load(
                    from: AssistantPaths.pairings.deletingLastPathComponent().appendingPathComponent("plis-folder"))
                ?? PlisFolderLayout.defaultFolder,
            maxDownloadRate: maxDownloadRate)
        let service = RemoteJobService(
            settings: settings, pairings: try PairingStore(file: AssistantPaths.pairings),
            registry: JobRegistry(events: EventHub()))
        let started: RemoteJobService.Started
        do {
            started = try await service.start(
                offer, origin: platform, token: token, pins: pins.tokenPINs, lines: { print($0) })
        } catch {
            print(error.description)
            switch error {
            case .refused, .invalid: throw ExitCode(3)
            case .unreachable: throw ExitCode(5)
            case .token, .failed: throw ExitCode(1)
            }
        }
        let id = started.result.jobId
        print(started.result.resumed ? "Job \(id) resumed." : "Job \(id) started.")
        guard let task = started.task else {
            print("Job \(id) was already done.")
            return
        }
        _ = await task.value
        let state = try? service.store.load(id)
        switch state?.outcome {
        case .succeeded?:
            print("Job \(id) done.")
        case .running?:
            throw ExitCode(5)
        default:
            throw ExitCode(1)
        }
    }

    /// The platform the descriptor names (its signature is checked afterwards against that origin's key).
    static func unverifiedPlatform(of offer: PlatformAPI.RemoteJobOffer) throws -> String {
        struct Platform: Decodable { let platform: String }
        guard let bytes = Data(base64Encoded: offer.descriptor) else {
            throw RemoteJobError.invalid("the descriptor is not base64")
        }
        return try JSONDecoder().decode(Platform.self, from: bytes).platform
    }
}
