import CorePlatformAPI
import Foundation
import Hummingbird
import PlatformKernel
import SQLKit

/// The companies' French pages: public search and consultation pages, registration, sign-in, and, for a
/// signed-in company, its space and the receipts of its deposits.
package struct CompanyPagesController: Sendable {
    package let database: Database
    package let companies: CompanyController
    /// The loopback port of the assistant the "Déposer" form hands deposits to.
    package let assistantPort: Int
    /// The consultation's documents and its questions and answers, shown on its page when set.
    package var documents: DocumentService?
    package var questions: QuestionService?
    /// The platform's failures during deposits, written before the company space lists them.
    package var incidents: DepositIncidents?

    package init(database: Database, companies: CompanyController, assistantPort: Int) {
        self.database = database
        self.companies = companies
        self.assistantPort = assistantPort
    }

    /// "Inscription d'une entreprise".
    package struct RegistrationForm: Codable, Sendable {
        package var name: String = ""
        package var siret: String = ""
        package var address: String?
        package var civility: String = Civility.monsieur.rawValue
        package var lastName: String = ""
        package var firstName: String = ""
        package var email: String = ""
        package var login: String = ""
        package var password: String = ""

        package init(
            name: String = "", siret: String = "", address: String? = nil,
            civility: String = Civility.monsieur.rawValue, lastName: String = "", firstName: String = "",
            email: String = "", login: String = "", password: String = ""
        ) {
            self.name = name
            self.siret = siret
            self.address = address
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.email = email
            self.login = login
            self.password = password
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.get("consultations-publiques", use: search)
        router.get("consultations-publiques/:reference", use: consultation)
        router.get("entreprise/inscription", use: registrationForm)
        router.post("entreprise/inscription", use: registerCompany)
        router.get("entreprise/connexion", use: signInForm)
        router.post("entreprise/connexion", use: signIn)
        router.post("entreprise/deconnexion", use: signOut)
        let space = router.group("entreprise", context: BidderRequestContext.self)
        space.get(use: companySpace)
        space.get("depots/:id/accuse-de-reception", use: receipt)
    }

    /// "Rechercher une consultation"; a CPV prefix that is not one comes back with 400 and its reason.
    @Sendable package func search(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        func text(_ name: Substring) -> String? {
            parameters[name].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let search = ConsultationSearch(
            keyword: text("q"), category: text("categorie").flatMap(ProcurementCategory.init(rawValue:)),
            cpvPrefix: text("cpv"))
        do {
            let (found, buyers) = try await database.session { sql in
                let consultations = try await ConsultationRepository(sql: sql).published(
                    matching: search, at: Timestamp.now())
                return (consultations, try await Self.buyers(of: consultations, sql: sql))
            }
            return try PublicSearchView.page(
                search: search, consultations: found, buyers: buyers, refusal: nil, user: context.bidder?.banner
            ).response(from: request, context: context)
        } catch let error as DomainError {
            return try PublicSearchView.page(
                search: search, consultations: [], buyers: [:], refusal: FormRefusal(error),
                user: context.bidder?.banner
            ).response(status: error.status, from: request, context: context)
        }
    }

    /// A published consultation's page, with the "Déposer" form for a signed-in company.
    @Sendable package func consultation(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<PublicConsultationView>
    {
        try await consultationPage(
            try context.parameters.require("reference"), bidder: context.bidder, host: request.head.authority)
    }

    /// The published consultation's page for `bidder` (or a visitor), with a refused question beside its field.
    package func consultationPage(
        _ reference: String, bidder: SignedInBidder?, host: String?,
        questionRefusal: PublicQuestionsView.Refusal? = nil
    ) async throws -> Page<PublicConsultationView> {
        let (consultation, buyers) = try await database.session { sql in
            let consultation = try await DepositService.onlineConsultation(reference, sql: sql)
            return (consultation, try await Self.buyers(of: [consultation], sql: sql))
        }
        var page = PublicConsultationView.page(
            consultation, buyer: buyers[consultation.organisationID] ?? "",
            platformURL: "http://\(host ?? "127.0.0.1")", bidder: bidder, assistantPort: assistantPort)
        try await page.content.add(
            documents: documents, questions: questions, of: consultation, for: bidder,
            questionRefusal: questionRefusal)
        return page
    }

    @Sendable package func registrationForm(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<CompanyRegistrationView>
    {
        CompanyRegistrationView.page()
    }

    /// Registers the company and its first user, and opens their session.
    @Sendable package func registerCompany(_ request: Request, context: PlatformRequestContext) async throws -> Response
    {
        let form = try await URLEncodedFormDecoder().decode(RegistrationForm.self, from: request, context: context)
        do {
            guard let civility = Civility(rawValue: form.civility) else {
                throw DomainError.invalidField(field: "civilité", reason: "Choisissez M. ou Mme.")
            }
            try await companies.register(
                CompanyController.Registration(
                    name: form.name, siret: form.siret, address: form.address,
                    bidder: APIModels.NewAgent(
                        civility: civility, lastName: form.lastName, firstName: form.firstName, email: form.email,
                        login: form.login, password: form.password)))
            let (_, token) = try await companies.signIn(
                login: form.login, password: form.password,
                from: companies.throttle.sourceAddress(of: request, context: context))
            var response = Response.redirect(to: "/entreprise", type: .found)
            response.setCookie(companies.cookie(token, maxAge: Int(companies.sessions.lifetime)))
            return response
        } catch let error as DomainError {
            var typed = form
            typed.password = ""
            return try CompanyRegistrationView.page(form: typed, refusal: FormRefusal(error))
                .response(status: error.status, from: request, context: context)
        }
    }

    @Sendable package func signInForm(_ request: Request, context: PlatformRequestContext) async throws -> Page<
        SignInView
    > {
        SignInView.company(error: nil, sessionEnded: SignInView.endedByInactivity(request))
    }

    @Sendable package func signIn(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(APIModels.SignIn.self, from: request, context: context)
        do {
            let (_, token) = try await companies.signIn(
                login: form.login, password: form.password,
                from: companies.throttle.sourceAddress(of: request, context: context))
            var response = Response.redirect(to: "/entreprise", type: .found)
            response.setCookie(companies.cookie(token, maxAge: Int(companies.sessions.lifetime)))
            return response
        } catch let error as HTTPError where [.unauthorized, .tooManyRequests].contains(error.status) {
            var response = try SignInView.company(error: error.body, login: form.login).response(
                status: error.status, from: request, context: context)
            response.headers.append(contentsOf: error.headers)
            return response
        }
    }

    @Sendable package func signOut(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        if let bidder = context.bidder {
            try await database.session { sql in
                try await SessionRepository(sql: sql, kind: .bidder).close(token: bidder.sessionToken)
            }
        }
        var response = Response.redirect(to: "/entreprise/connexion", type: .found)
        response.setCookie(companies.cookie("", maxAge: 0))
        return response
    }

    /// "Espace entreprise": the company, its users and its deposits.
    @Sendable package func companySpace(_ request: Request, context: BidderRequestContext) async throws
        -> Page<CompanySpaceView>
    {
        let signedIn = context.signedIn
        let companyID = signedIn.company.id ?? 0
        await incidents?.flush()
        let (bidders, lines, incidents) = try await database.session { sql in
            let consultations = ConsultationRepository(sql: sql)
            var lines: [CompanySpaceView.Line] = []
            for deposit in try await DepositRepository(sql: sql).deposits(ofCompany: companyID) {
                let consultation = try await consultations.require(id: deposit.consultationID)
                lines.append(.init(deposit: deposit, consultation: consultation))
            }
            return (
                try await CompanyRepository(sql: sql).bidders(ofCompany: companyID), lines,
                try await DepositIncidentRepository(sql: sql).incidents(ofCompany: companyID)
            )
        }
        return CompanySpaceView.page(signedIn: signedIn, bidders: bidders, deposits: lines, incidents: incidents)
    }

    /// The "Accusé de réception" of one of the company's complete deposits.
    @Sendable package func receipt(_ request: Request, context: BidderRequestContext) async throws
        -> Page<DepositReceiptView>
    {
        let id = try context.parameters.require("id", as: Int64.self)
        let signedIn = context.signedIn
        let stored = try await database.session { sql -> (json: String, timestampToken: String?)? in
            let deposits = DepositRepository(sql: sql)
            guard let deposit = try await deposits.find(id), deposit.companyID == signedIn.company.id else {
                return nil
            }
            return try await deposits.receipt(of: id)
        }
        guard let stored else {
            throw DomainError.notFound(what: "Accusé de réception (dépôt non terminé, ou d'une autre entreprise)")
        }
        let receipt = try JSONDecoder().decode(PlatformAPI.DepositReceipt.self, from: Data(stored.json.utf8))
        return DepositReceiptView.page(receipt, timestamped: stored.timestampToken != nil, signedIn: signedIn)
    }

    /// The public entity ("acheteur public") of each consultation's service.
    private static func buyers(of consultations: [Consultation], sql: any SQLDatabase) async throws
        -> [Int64: String]
    {
        let organisations = OrganisationRepository(sql: sql)
        var buyers: [Int64: String] = [:]
        for consultation in consultations where buyers[consultation.organisationID] == nil {
            buyers[consultation.organisationID] = try await organisations.path(to: consultation.organisationID)
                .entity.name
        }
        return buyers
    }
}
