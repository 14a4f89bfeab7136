import CorePlatformAPI
import Foundation

/// What the assistant keeps of a remote job in `jobs/<id>/job.json` (mode 0600): the offer as the
/// platform signed it (its signature is checked again against the pinned key before every resume), the
/// page's origin, the credential, the token holding the key, and how far each file got.
struct RemoteJobState: Codable, Sendable, Equatable {
    /// Where one sealed file stands.
    enum Phase: String, Codable, Sendable, Comparable {
        /// Chunks are being fetched (those on disk are in `chunks-<fileID>.log`).
        case pending
        /// The whole file is on disk, its SHA-256 checked, under its final name.
        case downloaded
        /// Nothing left to do for this file (online opening: the platform decrypted it with its released key).
        case done

        private var rank: Int { [.pending, .downloaded, .done].firstIndex(of: self) ?? 0 }
        static func < (left: Phase, right: Phase) -> Bool { left.rank < right.rank }

        init(from decoder: any Decoder) throws {
            // An online opening an older assistant left half way ("decrypted", "uploaded"): its keys are
            // released again.
            self = Phase(rawValue: try decoder.singleValueContainer().decode(String.self)) ?? .pending
        }
    }

    /// How the job ended, or that it has not.
    enum Outcome: String, Codable, Sendable {
        case running, succeeded, failed, cancelled
    }

    struct FileState: Codable, Sendable, Equatable {
        var phase: Phase = .pending
    }

    /// The offer's descriptor bytes (base64) and signature, as the platform gave them.
    let descriptor: String
    let signature: String
    /// The origin of the page (or of the command line's offer) that started the job.
    let origin: String
    let credential: PlatformAPI.RemoteJobCredential
    /// The label of the token holding the decryption key (online opening).
    var token: String?
    /// Per sealed file, by its platform id.
    var files: [String: FileState] = [:]
    var outcome: Outcome = .running
    var error: String?
    let createdAt: Date
    var updatedAt: Date

    init(offer: PlatformAPI.RemoteJobOffer, origin: String, credential: PlatformAPI.RemoteJobCredential, token: String?)
    {
        descriptor = offer.descriptor
        signature = offer.signature
        self.origin = origin
        self.credential = credential
        self.token = token
        createdAt = Date()
        updatedAt = createdAt
    }

    /// The offer to check again (its one-time token is spent: left empty).
    var offer: PlatformAPI.RemoteJobOffer {
        PlatformAPI.RemoteJobOffer(descriptor: descriptor, signature: signature, token: "")
    }

    func phase(of file: Int64) -> Phase { files[String(file)]?.phase ?? .pending }

    mutating func setPhase(_ phase: Phase, of file: Int64) {
        files[String(file), default: FileState()].phase = phase
    }
}
