import Foundation
import Hummingbird
import PlatformKernel

/// Online payment's routes: the citizen's payment page and « Payer » (`/demarches/paiements/{référence}`), the
/// provider's callback (`/demarches/paiements/retour/{payfip|test}`: POST is the provider's notification, GET
/// the citizen's return), the test provider's page (`/paiement-de-test/{référence}`, only when it is the
/// configured provider), and the agents' pages: « Rechercher paiement » and a teleservice's « Paiement ».
package struct PaymentController: Sendable {
    package let service: PaymentService
    package let catalog: RequestCatalogService

    package init(service: PaymentService, catalog: RequestCatalogService) {
        self.service = service
        self.catalog = catalog
    }

    package static let searchPath = "\(BackOffice.root)/paiements"

    package func register(on router: Router<PlatformRequestContext>) {
        router.get("demarches/paiements/retour/:provider", use: providerReturn)
        router.post("demarches/paiements/retour/:provider", use: providerNotification)
        router.get("demarches/paiements/:reference", use: paymentPage)
        router.post("demarches/paiements/:reference/payer", use: pay)
        router.get("paiement-de-test/:reference", use: testPage)
        router.post("paiement-de-test/:reference", use: testAnswer)
        let agents = router.group("espace-agent/demarches", context: AgentRequestContext.self)
        agents.get("paiements", use: search)
        agents.get("gestion/teleservices/:id/paiement", use: settingsPage)
        agents.post("gestion/teleservices/:id/paiement", use: saveSettings)
    }

    // MARK: - The citizen

    @Sendable package func paymentPage(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<CitizenPaymentView>
    {
        let citizen = try await service.payment(reference: try reference(context))
        return CitizenPaymentView.page(citizen, provider: service.provider, signedIn: context.citizen)
    }

    /// « Payer »: to the provider's page (303), or back to the page with the reason.
    @Sendable package func pay(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let reference = try reference(context)
        do {
            let url = try await service.start(reference: reference)
            return .redirect(to: url.absoluteString, type: .normal)
        } catch let error as DomainError {
            guard case .conflict(let reason) = error else { throw error }
            let citizen = try await service.payment(reference: reference)
            return try CitizenPaymentView.page(
                citizen, provider: service.provider, signedIn: context.citizen, error: reason
            ).response(status: .conflict, from: request, context: context)
        }
    }

    // MARK: - The provider

    /// The provider's notification, server to server: 200 when recorded (a repeat too), 400 when refused.
    @Sendable package func providerNotification(_ request: Request, context: PlatformRequestContext) async throws
        -> Response
    {
        let name = try context.parameters.require("provider")
        if name == "payfip", !service.notificationSources.isEmpty {
            let source = context.remoteAddress ?? ""
            guard service.notificationSources.contains(where: { $0.contains(source) }) else {
                try await service.refuseSource(source, provider: name)
                return Response(status: .forbidden, body: .init(byteBuffer: ByteBuffer(string: "source refusée\n")))
            }
        }
        let fields = Self.fields(try await FormFields.read(request, context: context))
        let received = try await service.receive(provider: name, fields: fields, channel: .notification)
        switch received {
        case .applied, .duplicate, .shown:
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "OK\n")))
        case .refused(let reason, _):
            return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: "\(reason)\n")))
        }
    }

    /// The citizen back from the provider: the payment's page. A signed return (test provider) is recorded
    /// like a notification (a repeat changes nothing); PayFiP's only shows the page.
    @Sendable package func providerReturn(_ request: Request, context: PlatformRequestContext) async throws -> Response
    {
        let name = try context.parameters.require("provider")
        let fields = Self.fields(FormFields(request.uri.query ?? ""))
        let received = try await service.receive(provider: name, fields: fields, channel: .return)
        let reference: String? =
            switch received {
            case .applied(let payment), .duplicate(let payment): payment.reference
            case .shown(let reference): reference
            case .refused(_, let reference): reference
            }
        guard let reference, PayFiPProvider.isValidReference(reference) else {
            throw HTTPError(.badRequest, message: "Le retour du service de paiement est illisible.")
        }
        return .redirect(to: "/demarches/paiements/\(reference)", type: .normal)
    }

    // MARK: - The test provider

    @Sendable package func testPage(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<TestPaymentView>
    {
        guard service.provider is TestPaymentProvider else { throw HTTPError(.notFound, message: "Page introuvable.") }
        return TestPaymentView.page(try await service.payment(reference: try reference(context)))
    }

    /// « Accepter », « Refuser » or « Abandonner »: notifies the platform, then sends the browser back with
    /// the same signed fields, as PayFiP does.
    @Sendable package func testAnswer(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        guard let provider = service.provider as? TestPaymentProvider else {
            throw HTTPError(.notFound, message: "Page introuvable.")
        }
        let citizen = try await service.payment(reference: try reference(context))
        let result = try await FormFields.read(request, context: context)["resultat"] ?? ""
        guard ["P", "R", "A"].contains(result) else {
            throw HTTPError(.badRequest, message: "Choisissez d'accepter, de refuser ou d'abandonner le paiement.")
        }
        let fields = provider.fields(
            reference: citizen.payment.reference, amount: citizen.payment.amount, result: result,
            at: service.now())
        _ = try await service.receive(provider: provider.name, fields: fields, channel: .notification)
        var components = URLComponents()
        components.queryItems = fields.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return .redirect(
            to: "/demarches/paiements/retour/\(provider.name)?\(components.percentEncodedQuery ?? "")", type: .normal)
    }

    // MARK: - Agents

    @Sendable package func search(_ request: Request, context: AgentRequestContext) async throws
        -> Page<PaymentSearchView>
    {
        let query = try URLEncodedFormDecoder.backOfficeQuery(PaymentSearchQuery.self, from: request)
        let agentID = context.signedIn.agent.id ?? 0
        let search = query.search
        return PaymentSearchView.page(
            signedIn: context.signedIn, search: search, query: query,
            teleservices: try await catalog.teleservices(for: agentID),
            payments: try await service.search(search, for: agentID))
    }

    /// `?enregistre=1` after a change.
    package struct SettingsQuery: Decodable, Sendable {
        package var enregistre: String?
    }

    @Sendable package func settingsPage(_ request: Request, context: AgentRequestContext) async throws
        -> Page<PaymentSettingsView>
    {
        let saved = try URLEncodedFormDecoder.backOfficeQuery(SettingsQuery.self, from: request).enregistre != nil
        let (teleservice, settings) = try await service.settings(
            of: try FrontOfficeController.identifier(context), for: context.signedIn.agent.id ?? 0)
        return PaymentSettingsView.page(
            signedIn: context.signedIn, teleservice: teleservice, settings: settings, form: nil,
            provider: service.provider, notice: saved ? "Le paiement du téléservice est enregistré." : nil, error: nil)
    }

    @Sendable package func saveSettings(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try FrontOfficeController.identifier(context)
        let agentID = context.signedIn.agent.id ?? 0
        let form = try await URLEncodedFormDecoder.backOffice(
            PaymentSettingsView.Form.self, from: request, context: context)
        do {
            let field = form.champ?.trimmingCharacters(in: .whitespaces) ?? ""
            let amountText = form.montant?.trimmingCharacters(in: .whitespaces) ?? ""
            var amount: Int64?
            if field.isEmpty, !amountText.isEmpty {
                guard let cents = PaymentAmount.cents(amountText) else {
                    throw DomainError.invalidField(
                        field: "Montant", reason: "Écrivez un montant en euros, par exemple 12,50.")
                }
                amount = cents
            }
            _ = try await service.save(
                TeleservicePayment(
                    teleserviceID: id, enabled: form.actif == "1",
                    regie: form.regie?.trimmingCharacters(in: .whitespaces) ?? "", amount: amount,
                    priceField: field.isEmpty ? nil : field,
                    prices: field.isEmpty ? [] : try TeleservicePayment.prices(form.tarifs ?? "")),
                by: agentID)
            return .redirect(to: "\(BackOffice.root)/gestion/teleservices/\(id)/paiement?enregistre=1", type: .normal)
        } catch {
            guard let refusal = FormError.refusal(error, fields: PaymentSettingsView.fieldIDs) else { throw error }
            let (teleservice, settings) = try await service.settings(of: id, for: agentID)
            return try PaymentSettingsView.page(
                signedIn: context.signedIn, teleservice: teleservice, settings: settings, form: form,
                provider: service.provider, notice: nil, error: refusal.error
            ).response(status: refusal.status, from: request, context: context)
        }
    }

    // MARK: - Helpers

    private func reference(_ context: some RequestContext) throws -> String {
        let reference = try context.parameters.require("reference")
        guard PayFiPProvider.isValidReference(reference) else {
            throw HTTPError(.notFound, message: "Page introuvable.")
        }
        return reference
    }

    /// The first value of each field.
    package static func fields(_ form: FormFields) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in form.pairs where fields[name] == nil && name != "_csrf" { fields[name] = value }
        return fields
    }
}
