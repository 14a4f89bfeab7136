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
        let api = router.group("api")
        let bidders = router.group("api", context: BidderRequestContext.self)
        bidders.post("public/consultations/:reference/deposit-jobs") { request, context in
            let offer = try await service.offer(
                reference: try context.parameters.require("reference"), by: context.signedIn,
                platform: origin(request))
            return EditedResponse(status: .created, response: offer)
        }
        api.post("deposit-jobs/:id/claim") { request, context in
            guard let token = SessionMiddleware.bearer(request),
                let credential = try await service.claim(job: try context.parameters.require("id"), token: token)
            else {
                throw HTTPError(
                    .unauthorized,
                    message: "Jeton de dépôt refusé (déjà utilisé, expiré ou d'un autre dépôt) : "
                        + "cliquez à nouveau sur « Déposer ».")
            }
            return credential
        }
    }
}
