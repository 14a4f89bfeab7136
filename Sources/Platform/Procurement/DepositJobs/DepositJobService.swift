import CorePlatformAPI
import Crypto
import Foundation
import PlatformKernel

/// Deposits handed by the company's "Déposer" page to its assistant: a descriptor signed with the
/// platform's key, a one-time token the assistant trades for a credential, and that credential standing
/// for the company on the deposit API of that consultation only (``DepositJobScope``).
package struct DepositJobService: Sendable {
    package let database: Database
    package let signingKey: P256.Signing.PrivateKey

    package init(database: Database, signingKey: P256.Signing.PrivateKey) {
        self.database = database
        self.signingKey = signingKey
    }
    /// How long the page's token may wait for the assistant to claim it.
    package static let tokenLifetime: Int64 = 10 * 60
    /// How long the credential lasts: enough for a large response on a slow line.
    package static let credentialLifetime: Int64 = 24 * 3_600

    /// A new deposit job for the signed-in company, on a consultation still open to deposits.
    package func offer(reference: String, by bidder: SignedInBidder, platform: String) async throws
        -> PlatformAPI.RemoteJobOffer
    {
        guard bidder.depositJob == nil else {
            throw DomainError.forbidden(reason: "Un dépôt en cours ne peut pas en créer un autre.")
        }
        let now = Timestamp.now()
        let id = UUID().uuidString.lowercased()
        let token = SessionToken.random()
        let consultation = try await database.transaction { sql in
            let consultation = try await DepositService.onlineConsultation(reference, sql: sql)
            try DepositPolicy.checkOpen(consultation, at: now)
            try await DepositJobRepository(sql: sql).create(
                id: id, bidderID: bidder.bidder.id ?? 0, consultationID: consultation.id ?? 0,
                tokenSHA256: SessionToken.hash(token), tokenExpiresAt: now + Self.tokenLifetime, at: now)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .company(bidder.company.id ?? 0),
                    entityID: try await DepositService.entityID(of: consultation, sql: sql),
                    subject: .consultation(consultation.id ?? 0), action: .depositJobCreated, details: ["job": id]),
                at: now)
            return consultation
        }
        let descriptor = PlatformAPI.DepositJobDescriptor(
            id: id, platform: platform,
            consultation: .init(
                reference: consultation.reference.value, title: consultation.title,
                envelopes: consultation.modalities.envelopes.sorted().map(\.rawValue),
                signatureRequired: consultation.modalities.signature == .required, deadline: consultation.deadline),
            company: bidder.company.name, issuedAt: now, tokenExpiresAt: now + Self.tokenLifetime)
        let signed = try PlatformAPI.DescriptorSignature.sign(descriptor, with: signingKey)
        return PlatformAPI.RemoteJobOffer(descriptor: signed.descriptor, signature: signed.signature, token: token)
    }

    /// Trades the job's one-time token for its credential; nil when the token is not this job's, was
    /// claimed already, or expired.
    package func claim(job id: String, token: String) async throws -> PlatformAPI.RemoteJobCredential? {
        let now = Timestamp.now()
        let credential = SessionToken.random()
        let expiresAt = now + Self.credentialLifetime
        return try await database.transaction { sql in
            guard
                let claimed = try await DepositJobRepository(sql: sql).claim(
                    id: id, tokenSHA256: SessionToken.hash(token), credentialSHA256: SessionToken.hash(credential),
                    credentialExpiresAt: expiresAt, at: now)
            else { return nil }
            let consultation = try await ConsultationRepository(sql: sql).require(id: claimed.consultationID)
            let companyID = try await CompanyRepository(sql: sql).bidder(claimed.bidderID)?.companyID ?? 0
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .company(companyID), entityID: try await DepositService.entityID(of: consultation, sql: sql),
                    subject: .consultation(claimed.consultationID), action: .depositJobClaimed, details: ["job": id]),
                at: now)
            return PlatformAPI.RemoteJobCredential(credential: credential, expiresAt: expiresAt)
        }
    }
}
