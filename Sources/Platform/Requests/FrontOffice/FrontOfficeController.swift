import Foundation
import Hummingbird
import PlatformKernel

/// The citizens' front office: the online teleservices and their forms (`/demarches/…`), the household
/// account's public pages (`/citoyen/inscription`, `connexion`, passwords), the signed-in household's pages
/// (`/citoyen…`: space, members, « Mon compte », requests, drafts, documents) and their JSON
/// (`/api/citoyen/…`: the request list and the document upload).
package struct FrontOfficeController: Sendable {
    package let service: FrontOfficeService
    package let files: FileStore
    package let secureCookies: Bool
    /// The platform's address in e-mailed links (never taken from the request's `Host`, which the sender chooses).
    package let publicURL: String
    /// Limits password guessing on the citizens' sign-in (issue 15, finding 4).
    package let throttle: SignInThrottle
    /// Opens the payment of a request filed for a paying teleservice (`Payments/`); `nil`: none.
    package var payments: PaymentService?

    package init(
        service: FrontOfficeService, files: FileStore, secureCookies: Bool, publicURL: String, throttle: SignInThrottle
    ) {
        self.service = service
        self.files = files
        self.secureCookies = secureCookies
        self.publicURL = publicURL
        self.throttle = throttle
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.get("demarches", use: catalogue)
        router.get("demarches/:id", use: teleserviceForm)
        router.post("demarches/:id", use: fileRequest)
        router.get("citoyen/inscription", use: registrationForm)
        router.post("citoyen/inscription", use: createAccount)
        router.get("citoyen/connexion", use: signInForm)
        router.post("citoyen/connexion", use: signIn)
        router.post("citoyen/deconnexion", use: signOut)
        router.get("citoyen/mot-de-passe-oublie", use: forgottenPasswordForm)
        router.post("citoyen/mot-de-passe-oublie", use: sendResetLink)
        router.get("citoyen/nouveau-mot-de-passe", use: newPasswordForm)
        router.post("citoyen/nouveau-mot-de-passe", use: resetPassword)
        router.group("citoyen", context: CitizenRequestContext.self)
            .get(use: space)
            .post("membres", use: addMember)
            .get("membres/:id", use: memberForm)
            .post("membres/:id", use: updateMember)
            .get("compte", use: accountForm)
            .post("compte", use: changeAccount)
            .post("brouillons/:id/supprimer", use: deleteDraft)
            .get("demandes/:id", use: requestPage)
            .post("demandes/:id/note", use: reply)
            .post("demandes/:id/donnees", use: correct)
            .get("documents", use: documentsPage)
            .get("documents/:id", use: viewDocument)
            .post("documents/:id/supprimer", use: deleteDocument)
        router.group("api/citoyen", context: CitizenRequestContext.self)
            .get("demandes", use: requestList)
            .post("documents", use: uploadDocument)
    }

    // MARK: Account

    /// The entity named by `?collectivite=ID` (the front office of another entity than the default one).
    package static func namedEntity(_ request: Request) -> Int64? {
        request.uri.queryParameters["collectivite"].flatMap { Int64(String($0)) }
    }

    @Sendable package func registrationForm(_ request: Request, context: PlatformRequestContext) -> Page<
        CitizenAccountView
    > {
        CitizenAccountView.registration()
    }

    @Sendable package func createAccount(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(
            CitizenAccountView.Registration.self, from: request, context: context)
        do {
            guard let civility = Civility(rawValue: form.civility ?? "") else {
                throw DomainError.invalidField(field: "Civilité", reason: "choisissez M. ou Mme.")
            }
            try await service.register(
                .init(
                    civility: civility, lastName: form.lastName ?? "", firstName: form.firstName ?? "",
                    email: form.email ?? "", password: form.password ?? "", address: form.address ?? "",
                    entityID: Self.namedEntity(request)),
                signInLink: publicURL + "/citoyen/connexion")
            return try CitizenAccountView.registered(email: form.email ?? "")
                .response(status: .ok, from: request, context: context)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenAccountView.registration(form, refusal: refusal)
                .response(status: refusal.status, from: request, context: context)
        }
    }

    @Sendable package func signInForm(_ request: Request, context: PlatformRequestContext) -> Page<CitizenAccountView> {
        CitizenAccountView.signIn(notice: SignInView.endedByInactivity(request) ? SignInView.sessionEndedNotice : nil)
    }

    @Sendable package func signIn(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(
            CitizenAccountView.SignIn.self, from: request, context: context)
        let email = form.email ?? ""
        do {
            let signedIn = try await throttle.attempt(
                .citizen(email: email), from: throttle.sourceAddress(of: request, context: context)
            ) { try await service.signIn(email: email, password: form.password ?? "") }
            return signedInResponse(signedIn)
        } catch let error as HTTPError {
            let refusal = RefusedForm(status: error.status, message: error.body ?? "E-mail ou mot de passe incorrect.")
            var response = try CitizenAccountView.signIn(email: email, refusal: refusal)
                .response(status: refusal.status, from: request, context: context)
            response.headers.append(contentsOf: error.headers)
            return response
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenAccountView.signIn(email: email, refusal: refusal)
                .response(status: refusal.status, from: request, context: context)
        }
    }

    @Sendable package func signOut(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        if let citizen = context.citizen { try await service.signOut(token: citizen.sessionToken) }
        var response = Response.redirect(to: "/demarches", type: .found)
        response.setCookie(cookie("", maxAge: 0))
        return response
    }

    @Sendable package func forgottenPasswordForm(_ request: Request, context: PlatformRequestContext)
        -> Page<CitizenAccountView>
    {
        CitizenAccountView.forgottenPassword(sent: false)
    }

    @Sendable package func sendResetLink(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(
            CitizenAccountView.ForgottenPassword.self, from: request, context: context)
        let origin = publicURL
        do {
            try await service.requestPasswordReset(email: form.email ?? "") { token in
                "\(origin)/citoyen/nouveau-mot-de-passe?jeton=\(token)"
            }
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenAccountView.forgottenPassword(sent: false, email: form.email ?? "", refusal: refusal)
                .response(status: refusal.status, from: request, context: context)
        }
        return try CitizenAccountView.forgottenPassword(sent: true).response(from: request, context: context)
    }

    @Sendable package func newPasswordForm(_ request: Request, context: PlatformRequestContext) async throws -> Response
    {
        let token = request.uri.queryParameters["jeton"].map(String.init) ?? ""
        let live = try await service.resetIsLive(token: token)
        return try CitizenAccountView.newPassword(token: token, live: live)
            .response(status: live ? .ok : .notFound, from: request, context: context)
    }

    @Sendable package func resetPassword(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(
            CitizenAccountView.NewPassword.self, from: request, context: context)
        let token = form.jeton ?? ""
        do {
            try await service.resetPassword(token: token, newPassword: form.password ?? "")
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            let live = try await service.resetIsLive(token: token)
            return try CitizenAccountView.newPassword(token: token, live: live, refusal: live ? refusal : nil)
                .response(status: refusal.status, from: request, context: context)
        }
        return try CitizenAccountView.signIn(
            notice: "Votre mot de passe est changé : connectez-vous avec le nouveau."
        ).response(from: request, context: context)
    }

    /// To `/citoyen`, with the new session's cookie.
    private func signedInResponse(_ signedIn: SignedInCitizen) -> Response {
        var response = Response.redirect(to: "/citoyen", type: .found)
        response.setCookie(cookie(signedIn.sessionToken, maxAge: Int(service.sessions.lifetime)))
        return response
    }

    package func cookie(_ token: String, maxAge: Int) -> Cookie {
        Cookie(
            name: SignedInCitizen.cookie, value: token, maxAge: maxAge, path: "/", secure: secureCookies,
            httpOnly: true, sameSite: .lax)
    }

    // MARK: Helpers

    package static func identifier(_ context: some RequestContext, _ name: String = "id") throws -> Int64 {
        guard let value = Int64(try context.parameters.require(name)) else {
            throw HTTPError(.notFound, message: "Page introuvable.")
        }
        return value
    }

    /// A form whose names repeat or come from a teleservice's definition (`champ.<clé>`), as ordered pairs.
    package static func formFields(_ request: Request, context: some RequestContext) async throws -> FormFields {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: body))
    }

    package func teleserviceNames() async throws -> [Int64: String] {
        try await service.database.session { sql in
            Dictionary(
                try await RequestCatalogRepository(sql: sql).teleservices().map { ($0.id ?? 0, $0.name) },
                uniquingKeysWith: { first, _ in first })
        }
    }
}

/// `GET /api/citoyen/demandes`: the household's requests.
package struct FrontOfficeRequestList: Codable, Sendable, ResponseEncodable {
    package struct Line: Codable, Sendable {
        package let id: Int64
        package let number: String
        package let teleservice: String
        package let state: String
        package let stateLabel: String
        package let subject: String
        package let createdAt: Int64

        package init(
            id: Int64, number: String, teleservice: String, state: String, stateLabel: String, subject: String,
            createdAt: Int64
        ) {
            self.id = id
            self.number = number
            self.teleservice = teleservice
            self.state = state
            self.stateLabel = stateLabel
            self.subject = subject
            self.createdAt = createdAt
        }
    }

    package let requests: [Line]

    package init(requests: [Line]) {
        self.requests = requests
    }
}

/// `POST /api/citoyen/documents`: the document added to the household's space.
package struct FrontOfficeDocument: Codable, Sendable, ResponseEncodable {
    package let id: Int64
    package let kind: String
    package let fileName: String
    package let sha256: String
    package let size: Int64
    package let createdAt: Int64

    package init(id: Int64, kind: String, fileName: String, sha256: String, size: Int64, createdAt: Int64) {
        self.id = id
        self.kind = kind
        self.fileName = fileName
        self.sha256 = sha256
        self.size = size
        self.createdAt = createdAt
    }
}
