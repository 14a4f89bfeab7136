import CorePlatformAPI
import Foundation

/// A job the platform handed to an agent's assistant (``PlatformAPI/RemoteJobDescriptor``): who asked, on
/// which consultation, the signed descriptor's JSON, its one-time token and the credential it was traded
/// for (both kept as SHA-256 only), and where the job stands as the assistant last reported.
struct RemoteJob: Sendable, Equatable {
    let id: String
    let consultationID: Int64
    let agentID: Int64
    let kind: PlatformAPI.RemoteJobKind
    /// The exact JSON bytes the platform signed.
    let descriptorJSON: String
    let tokenExpiresAt: Int64
    var tokenClaimedAt: Int64?
    var credentialExpiresAt: Int64?
    var progress: PlatformAPI.RemoteJobProgress
    var bytesServed: Int64
    let createdAt: Int64
    var updatedAt: Int64

    /// The descriptor the platform signed.
    func descriptor() throws -> PlatformAPI.RemoteJobDescriptor {
        try JSONDecoder().decode(PlatformAPI.RemoteJobDescriptor.self, from: Data(descriptorJSON.utf8))
    }
}

/// The rules of remote jobs: their lifetimes, their chunk size, their secrets.
enum RemoteJobPolicy {
    /// The one-time job token may be claimed for 10 minutes.
    static let tokenLifetime: Int64 = 600
    /// The credential serves the job's routes for 24 hours at most, and not once the job is over.
    static let credentialLifetime: Int64 = 24 * 3600
    /// Sealed files are described, served and plaintexts received in chunks of 1 MiB.
    static let chunkSize = 1 << 20

    /// The initial progress of a new job: waiting for the assistant, at its first step.
    static func initialProgress(_ kind: PlatformAPI.RemoteJobKind) -> PlatformAPI.RemoteJobProgress {
        PlatformAPI.RemoteJobProgress(state: .waiting, step: 1, stepName: kind.steps.first ?? "", percent: 0)
    }
}
