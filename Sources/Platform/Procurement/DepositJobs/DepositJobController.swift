import CorePlatformAPI
import Hummingbird
import PlatformKernel

/// The company's "Déposer" through its assistant: `POST /api/public/consultations/{reference}/deposit-jobs`
/// (company session and CSRF token) gives the signed offer the page hands to the assistant;
/// `POST /api/deposit-jobs/{id}/claim` (the one-time token as `Authorization: Bearer`) gives the assistant
/// the credential it then deposits with.
package struct DepositJobController {
    package let service: DepositJobService
    /// The platform's origin as browsers see it, which the descriptor names.
    package let origin: @Sendable (Request) -> String

    package init(service: DepositJobService, origin: @escaping @Sendable (Request) -> String) {
        self.service = service
        self.origin = origin
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let bidders = router.group("api", context: BidderRequestContext.self)
        bidders.post("public/consultations/:reference/deposit-jobs") { request, context in
            let offer = try await service.offer(
                reference: try context.parameters.require("reference"), by: context.signedIn,
                platform: origin(request))
            return EditedResponse(status: .created, response: offer)
        }
        router.group("api/deposit-jobs", context: JobBearerRequestContext.self).post(":id/claim", use: claim)
    }

    /// `POST /api/deposit-jobs/{id}/claim`: the one-time token buys the credential the assistant deposits with.
    @Sendable private func claim(_ request: Request, context: JobBearerRequestContext) async throws
        -> PlatformAPI.RemoteJobCredential
    {
        guard
            let credential = try await service.claim(
                job: try context.parameters.require("id"), token: context.bearer.secret)
        else { throw BearerRefused.invalidDepositToken }
        return credential
    }
}
