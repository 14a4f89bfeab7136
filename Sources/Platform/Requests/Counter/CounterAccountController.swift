import Hummingbird
import PlatformKernel

/// `/espace-agent/demarches/guichet/compte-foyer`: an agent opens a household account at the counter; the
/// citizen gets the activation link by e-mail (`FrontOfficeService.openAtCounter`).
package struct CounterAccountController: Sendable {
    package let service: FrontOfficeService
    /// The platform's address in e-mailed links (never the request's `Host`).
    package let publicURL: String

    package init(service: FrontOfficeService, publicURL: String) {
        self.service = service
        self.publicURL = publicURL
    }

    package typealias Context = AgentRequestContext

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/guichet/compte-foyer", context: Context.self)
        pages.get(use: form)
        pages.post(use: create)
    }

    @Sendable package func form(_ request: Request, context: Context) async throws -> Page<CounterAccountView> {
        CounterAccountView.page(signedIn: context.signedIn)
    }

    @Sendable package func create(_ request: Request, context: Context) async throws -> Response {
        let form = try await URLEncodedFormDecoder.backOffice(
            CounterAccountView.Form.self, from: request, context: context)
        do {
            guard let civility = Civility(rawValue: form.civilite ?? "") else {
                throw DomainError.invalidField(field: "Civilité", reason: "choisissez M. ou Mme.")
            }
            let account = CounterAccount(
                civility: civility, lastName: form.nom ?? "", firstName: form.prenom ?? "", email: form.email ?? "",
                address: form.adresse ?? "", members: try CounterAccount.members(form.membres ?? ""))
            let origin = publicURL
            let (household, mailed) = try await service.openAtCounter(account, by: context.signedIn.agent.id ?? 0) {
                "\(origin)/citoyen/nouveau-mot-de-passe?jeton=\($0)"
            }
            let id = household.id ?? 0
            return try CounterAccountView.page(
                signedIn: context.signedIn,
                created: .init(
                    number: String(id), path: "\(HouseholdPages.root)/\(id)", email: household.email, mailed: mailed)
            ).response(status: .created, from: request, context: context)
        } catch {
            guard
                let (refusal, status) = FormError.refusal(
                    error, fields: CounterAccountView.fieldIDs, conflictField: "email")
            else { throw error }
            return try CounterAccountView.page(signedIn: context.signedIn, form: form, error: refusal)
                .response(status: status, from: request, context: context)
        }
    }
}
