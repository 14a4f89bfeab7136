import CorePlatformAPI
import Foundation
import PlatformKernel

/// A job the platform handed to an agent's assistant (``PlatformAPI/RemoteJobDescriptor``): who asked, on
/// which consultation, the signed descriptor's JSON, its one-time token and the credential it was traded
/// for (both kept as SHA-256 only), and where the job stands as the assistant last reported.
package struct RemoteJob: Sendable, Equatable {
    package let id: String
    package let consultationID: Int64
    package let agentID: Int64
    package let kind: PlatformAPI.RemoteJobKind
    /// The exact JSON bytes the platform signed.
    package let descriptorJSON: String
    package let tokenExpiresAt: Int64
    package var tokenClaimedAt: Int64?
    package var credentialExpiresAt: Int64?
    package var progress: PlatformAPI.RemoteJobProgress
    package var bytesServed: Int64
    package let createdAt: Int64
    package var updatedAt: Int64

    package init(
        id: String, consultationID: Int64, agentID: Int64, kind: PlatformAPI.RemoteJobKind, descriptorJSON: String,
        tokenExpiresAt: Int64, tokenClaimedAt: Int64? = nil, credentialExpiresAt: Int64? = nil,
        progress: PlatformAPI.RemoteJobProgress, bytesServed: Int64, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.consultationID = consultationID
        self.agentID = agentID
        self.kind = kind
        self.descriptorJSON = descriptorJSON
        self.tokenExpiresAt = tokenExpiresAt
        self.tokenClaimedAt = tokenClaimedAt
        self.credentialExpiresAt = credentialExpiresAt
        self.progress = progress
        self.bytesServed = bytesServed
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The descriptor the platform signed.
    package func descriptor() throws -> PlatformAPI.RemoteJobDescriptor {
        try JSONDecoder().decode(PlatformAPI.RemoteJobDescriptor.self, from: Data(descriptorJSON.utf8))
    }
}

/// The rules of remote jobs: their lifetimes, their chunk size, their secrets.
package enum RemoteJobPolicy {
    /// The one-time job token may be claimed for 10 minutes.
    package static let tokenLifetime: Int64 = 600
    /// The credential serves the job's routes for 24 hours at most, and not once the job is over.
    package static let credentialLifetime: Int64 = 24 * 3600
    /// Sealed files are described, served and plaintexts received in chunks of 1 MiB.
    package static let chunkSize = 1 << 20

    /// The initial progress of a new job: waiting for the assistant, at its first step.
    package static func initialProgress(_ kind: PlatformAPI.RemoteJobKind) -> PlatformAPI.RemoteJobProgress {
        PlatformAPI.RemoteJobProgress(state: .waiting, step: 1, stepName: kind.steps.first ?? "", percent: 0)
    }
}
