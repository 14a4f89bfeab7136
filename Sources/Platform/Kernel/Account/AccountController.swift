import Hummingbird

/// « Mon compte » (`/espace-agent/mon-compte`, signed-in agents) and « Mot de passe oublié »
/// (`/connexion/mot-de-passe-oublie`, `/connexion/nouveau-mot-de-passe`). A refused form shows the page again
/// with the reason beside its field (400); a saved one redirects (303) to the page with a notice.
package struct AccountController: Sendable {
    package let service: AccountService

    package init(service: AccountService) {
        self.service = service
    }

    /// « Mes coordonnées ».
    package struct CoordinatesForm: Decodable, Sendable {
        package var civility: String?
        package var lastName: String?
        package var firstName: String?
        package var email: String?
    }

    /// « Changer mon mot de passe ».
    package struct PasswordForm: Decodable, Sendable {
        package var current: String?
        package var new: String?
        package var confirmation: String?
    }

    /// « Mot de passe oublié ».
    package struct ResetRequestForm: Decodable, Sendable {
        package var loginOrEmail: String?
    }

    /// « Choisir un nouveau mot de passe ».
    package struct NewPasswordForm: Decodable, Sendable {
        package var token: String?
        package var new: String?
        package var confirmation: String?
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let account = router.group("espace-agent/mon-compte", context: AgentRequestContext.self)
        account.get(use: show)
        account.post("coordonnees", use: changeCoordinates)
        account.post("mot-de-passe", use: changePassword)
        account.post("alertes", use: changeAlerts)
        router.get("connexion/mot-de-passe-oublie", use: forgottenForm)
        router.post("connexion/mot-de-passe-oublie", use: requestReset)
        router.get("connexion/nouveau-mot-de-passe", use: newPasswordForm)
        router.post("connexion/nouveau-mot-de-passe", use: reset)
    }

    @Sendable func show(_ request: Request, context: AgentRequestContext) async throws -> Page<AccountView> {
        let notice: String? =
            switch request.uri.queryParameters.get("enregistre") {
            case "coordonnees": "Vos coordonnées ont été enregistrées."
            case "mot-de-passe": "Votre mot de passe a été changé ; vos autres sessions ont été fermées."
            case "alertes": "Vos alertes électroniques ont été enregistrées."
            default: nil
            }
        return try await page(
            context.signedIn, coordinates: .init(context.signedIn.agent), notice: notice, refusal: nil)
    }

    /// « Mes alertes électroniques »: the kinds ticked (`alerte`, repeated).
    @Sendable func changeAlerts(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        do {
            try await service.setAlerts(form.all("alerte"), of: context.signedIn)
            return .redirect(to: "/espace-agent/mon-compte?enregistre=alertes#alertes", type: .normal)
        } catch let error as DomainError {
            return try await page(
                context.signedIn, coordinates: .init(context.signedIn.agent), notice: nil,
                refusal: (.alerts, FormRefusal(error))
            ).response(status: error.status, from: request, context: context)
        }
    }

    @Sendable func changeCoordinates(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(CoordinatesForm.self, from: request, context: context)
        let shown = AccountView.Coordinates(
            civility: form.civility ?? "", lastName: form.lastName ?? "", firstName: form.firstName ?? "",
            email: form.email ?? "")
        do {
            guard let civility = form.civility.flatMap(Civility.init(rawValue:)) else {
                throw DomainError.invalidField(field: "civilité", reason: "Choisissez M. ou Mme.")
            }
            _ = try await service.changeCoordinates(
                of: context.signedIn, civility: civility, lastName: shown.lastName, firstName: shown.firstName,
                email: shown.email)
            return .redirect(to: "/espace-agent/mon-compte?enregistre=coordonnees", type: .normal)
        } catch let error as DomainError {
            return try await page(
                context.signedIn, coordinates: shown, notice: nil, refusal: (.coordinates, FormRefusal(error))
            ).response(status: error.status, from: request, context: context)
        }
    }

    @Sendable func changePassword(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(PasswordForm.self, from: request, context: context)
        do {
            try await service.changePassword(
                of: context.signedIn, current: form.current ?? "", new: form.new ?? "",
                confirmation: form.confirmation ?? "")
            return .redirect(to: "/espace-agent/mon-compte?enregistre=mot-de-passe", type: .normal)
        } catch let error as DomainError {
            return try await page(
                context.signedIn, coordinates: .init(context.signedIn.agent), notice: nil,
                refusal: (.password, FormRefusal(error))
            ).response(status: error.status, from: request, context: context)
        }
    }

    @Sendable func forgottenForm(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<PasswordResetView>
    {
        resetPage("account/forgotten", "Mot de passe oublié", PasswordResetView())
    }

    /// The same answer whether an account matches or not.
    @Sendable func requestReset(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(ResetRequestForm.self, from: request, context: context)
        let typed = form.loginOrEmail ?? ""
        do {
            try await service.requestReset(loginOrEmail: typed)
            return try resetPage(
                "account/forgotten", "Mot de passe oublié",
                PasswordResetView(sent: true)
            ).response(from: request, context: context)
        } catch let error as DomainError {
            return try resetPage(
                "account/forgotten", "Mot de passe oublié",
                PasswordResetView(loginOrEmail: typed, refusal: FormRefusal(error))
            ).response(status: error.status, from: request, context: context)
        }
    }

    @Sendable func newPasswordForm(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<PasswordResetView>
    {
        let token = request.uri.queryParameters.get("jeton") ?? ""
        let valid = token.isEmpty ? false : try await service.isValid(resetToken: token)
        return resetPage(
            "account/new-password", "Choisir un nouveau mot de passe",
            PasswordResetView(token: token, linkValid: valid))
    }

    @Sendable func reset(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(NewPasswordForm.self, from: request, context: context)
        let token = form.token ?? ""
        do {
            try await service.reset(token: token, new: form.new ?? "", confirmation: form.confirmation ?? "")
            return try resetPage(
                "account/new-password", "Choisir un nouveau mot de passe",
                PasswordResetView(done: true)
            ).response(from: request, context: context)
        } catch let error as DomainError {
            let linkValid = try await service.isValid(resetToken: token)
            return try resetPage(
                "account/new-password", "Choisir un nouveau mot de passe",
                PasswordResetView(token: token, linkValid: linkValid, refusal: FormRefusal(error))
            ).response(status: error.status, from: request, context: context)
        }
    }

    private func page(
        _ signedIn: SignedInAgent, coordinates: AccountView.Coordinates, notice: String?,
        refusal: (AccountView.Form, FormRefusal)?
    ) async throws -> Page<AccountView> {
        let alerts = try await service.alerts(of: signedIn)
        return Page(
            "account/account", title: "Mon compte", audience: .agent, section: .agentSpace,
            breadcrumbs: [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mon compte")],
            user: signedIn.banner,
            content: AccountView(
                signedIn: signedIn, coordinates: coordinates, alerts: alerts, notice: notice, refusal: refusal))
    }

    private func resetPage(_ template: String, _ title: String, _ view: PasswordResetView) -> Page<PasswordResetView> {
        Page(template, title: title, audience: .agent, section: .agentSpace, content: view)
    }
}
