import Foundation
import Hummingbird

/// The companies' French pages: public search and consultation pages, registration, sign-in, company space.
struct CompanyPagesController: Sendable {
    let database: Database
    let companies: CompanyController
    /// The loopback port of the assistant the "Déposer" form hands deposits to.
    let assistantPort: Int

    struct RegistrationForm: Codable, Sendable {
        var name: String = ""
        var siret: String = ""
        var address: String?
        var civility: String = Civility.monsieur.rawValue
        var lastName: String = ""
        var firstName: String = ""
        var email: String = ""
        var login: String = ""
        var password: String = ""

        var values: [String: String] {
            [
                "name": name, "siret": siret, "address": address ?? "", "civility": civility, "lastName": lastName,
                "firstName": firstName, "email": email, "login": login,
            ]
        }
    }

    func register(on router: Router<PlatformRequestContext>) {
        router.get("consultations-publiques") { request, _ in
            let parameters = request.uri.queryParameters
            let search = ConsultationSearch(
                keyword: parameters["q"].map(String.init),
                category: parameters["categorie"].flatMap { ProcurementCategory(rawValue: String($0)) },
                cpvPrefix: parameters["cpv"].map(String.init).flatMap { $0.isEmpty ? nil : $0 })
            let found = try await database.session { sql in
                try await ConsultationRepository(sql: sql).published(matching: search, at: Timestamp.now())
            }
            return HTML(PublicConsultationsPage(search: search, consultations: found).render())
        }
        router.get("consultations-publiques/:reference") { request, context in
            let reference = try context.parameters.require("reference")
            let consultation = try await database.session { sql in
                try await DepositService.onlineConsultation(reference, sql: sql)
            }
            let host = request.head.authority ?? "127.0.0.1"
            return HTML(
                PublicConsultationPage(
                    consultation: consultation, platformURL: "http://\(host)", bidder: context.bidder,
                    assistantPort: assistantPort
                ).render())
        }
        router.get("static/depot.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: DepositScript.source)))
        }
        router.get("entreprise/inscription") { _, _ in HTML(CompanyRegistrationPage(error: nil, values: [:]).render()) }
        router.post("entreprise/inscription") { request, context -> Response in
            let form = try await URLEncodedFormDecoder().decode(RegistrationForm.self, from: request, context: context)
            do {
                guard let civility = Civility(rawValue: form.civility) else {
                    throw DomainError.invalidField(field: "civilité", reason: "M. ou Mme.")
                }
                try await companies.register(
                    CompanyController.Registration(
                        name: form.name, siret: form.siret, address: form.address,
                        bidder: APIModels.NewAgent(
                            civility: civility, lastName: form.lastName, firstName: form.firstName, email: form.email,
                            login: form.login, password: form.password)))
                let (_, token) = try await companies.signIn(login: form.login, password: form.password)
                var response = Response.redirect(to: "/entreprise", type: .found)
                response.setCookie(companies.cookie(token, maxAge: Int(companies.lifetime)))
                return response
            } catch let error as DomainError {
                var response = try HTML(CompanyRegistrationPage(error: error.description, values: form.values).render())
                    .response(from: request, context: context)
                response.status = error.status
                return response
            }
        }
        router.get("entreprise/connexion") { _, _ in SignInView.company(error: nil) }
        router.post("entreprise/connexion") { request, context -> Response in
            let form = try await URLEncodedFormDecoder().decode(APIModels.SignIn.self, from: request, context: context)
            do {
                let (_, token) = try await companies.signIn(login: form.login, password: form.password)
                var response = Response.redirect(to: "/entreprise", type: .found)
                response.setCookie(companies.cookie(token, maxAge: Int(companies.lifetime)))
                return response
            } catch let error as HTTPError where error.status == .unauthorized {
                return try SignInView.company(error: error.body, login: form.login).response(
                    status: .unauthorized, from: request, context: context)
            }
        }
        router.post("entreprise/deconnexion") { _, context in
            if let bidder = context.bidder {
                try await database.session { sql in
                    try await SessionRepository(sql: sql, kind: .bidder).close(token: bidder.sessionToken)
                }
            }
            var response = Response.redirect(to: "/entreprise/connexion", type: .found)
            response.setCookie(companies.cookie("", maxAge: 0))
            return response
        }
        router.get("entreprise") { request, context -> Response in
            guard let bidder = context.bidder else { return .redirect(to: "/entreprise/connexion", type: .found) }
            let lines = try await database.session { sql in
                let consultations = ConsultationRepository(sql: sql)
                var lines: [CompanySpacePage.Line] = []
                for deposit in try await DepositRepository(sql: sql).deposits(ofCompany: bidder.company.id ?? 0) {
                    let consultation = try await consultations.require(id: deposit.consultationID)
                    lines.append(
                        .init(deposit: deposit, reference: consultation.reference.value, title: consultation.title))
                }
                return lines
            }
            return try HTML(CompanySpacePage(signedIn: bidder, deposits: lines).render())
                .response(from: request, context: context)
        }
    }
}
