import Foundation
import Hummingbird
import PlatformKernel

/// Companies: registration and the bidders' sessions (`/api/entreprises`, `/api/entreprise/session`).
package struct CompanyController: Sendable {
    package let database: Database
    package let hasher: PasswordHasher
    /// The bidders' sessions' lifetime and idle timeout.
    package let sessions: SessionPolicy
    package let secureCookies: Bool
    /// Limits password guessing on the companies' sign-in (issue 15, finding 4).
    package let throttle: SignInThrottle

    package init(
        database: Database, hasher: PasswordHasher, sessions: SessionPolicy, secureCookies: Bool,
        throttle: SignInThrottle
    ) {
        self.database = database
        self.hasher = hasher
        self.sessions = sessions
        self.secureCookies = secureCookies
        self.throttle = throttle
    }

    package struct Registration: Codable, Sendable {
        package let name: String
        package let siret: String
        package var address: String?
        package let bidder: APIModels.NewAgent

        package init(name: String, siret: String, address: String? = nil, bidder: APIModels.NewAgent) {
            self.name = name
            self.siret = siret
            self.address = address
            self.bidder = bidder
        }
    }

    package struct CompanyView: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let name: String
        package let siret: String
        package let bidderId: Int64
        package let bidderLogin: String
        package var csrfToken: String?

        package init(
            id: Int64, name: String, siret: String, bidderId: Int64, bidderLogin: String, csrfToken: String? = nil
        ) {
            self.id = id
            self.name = name
            self.siret = siret
            self.bidderId = bidderId
            self.bidderLogin = bidderLogin
            self.csrfToken = csrfToken
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.post("api/entreprises") { request, context in
            let body = try await request.decode(as: Registration.self, context: context)
            return EditedResponse(status: .created, response: try await register(body))
        }
        router.post("api/entreprise/session") { request, context in
            let body = try await request.decode(as: APIModels.SignIn.self, context: context)
            let (signedIn, token) = try await signIn(
                login: body.login, password: body.password, from: throttle.sourceAddress(of: request, context: context))
            var response = try view(signedIn).response(from: request, context: context)
            response.setCookie(cookie(token, maxAge: Int(sessions.lifetime)))
            return response
        }
        let session = router.group("api/entreprise/session", context: BidderRequestContext.self)
        session.get { _, context in view(context.signedIn) }
        session.delete { _, context in
            let bidder = context.signedIn
            try await database.session { sql in
                try await SessionRepository(sql: sql, kind: .bidder).close(token: bidder.sessionToken)
            }
            var response = Response(status: .noContent)
            response.setCookie(cookie("", maxAge: 0))
            return response
        }
    }

    /// Registers a company and its first bidder.
    @discardableResult
    package func register(_ body: Registration) async throws -> CompanyView {
        try PasswordPolicy.check(body.bidder.password)
        let company = Company(name: body.name, siret: try SIRET(body.siret), address: body.address ?? "")
        let bidder = Bidder(
            companyID: 0, civility: body.bidder.civility, lastName: body.bidder.lastName,
            firstName: body.bidder.firstName, email: body.bidder.email, login: body.bidder.login)
        let hash = try await hasher.hash(body.bidder.password)
        let (savedCompany, savedBidder) = try await database.transaction { sql in
            try await CompanyRepository(sql: sql).register(company, bidder: bidder, passwordHash: hash)
        }
        return CompanyView(
            id: savedCompany.id ?? 0, name: savedCompany.name, siret: savedCompany.siret.value,
            bidderId: savedBidder.id ?? 0, bidderLogin: savedBidder.login)
    }

    /// Checks the password and opens a company session; one answer for an unknown login and a wrong password,
    /// throttled per login and per source `address`.
    package func signIn(login: String, password: String, from address: String?) async throws -> (SignedInBidder, String)
    {
        let found = try await throttle.attempt(.company(login: login), from: address) {
            let found = try await database.session { sql in
                try await CompanyRepository(sql: sql).credentials(login: login)
            }
            guard try await hasher.check(password, against: found?.passwordHash), let found else {
                throw SessionController.refused
            }
            return found
        }
        guard let id = found.bidder.id else { throw SessionController.refused }
        return try await database.transaction { sql in
            let (token, csrf) = try await SessionRepository(sql: sql, kind: .bidder).open(
                ownerID: id, policy: sessions)
            guard let company = try await CompanyRepository(sql: sql).company(found.bidder.companyID) else {
                throw DomainError.notFound(what: "Entreprise")
            }
            return (SignedInBidder(bidder: found.bidder, company: company, csrfToken: csrf, sessionToken: token), token)
        }
    }

    private func view(_ signedIn: SignedInBidder) -> CompanyView {
        CompanyView(
            id: signedIn.company.id ?? 0, name: signedIn.company.name, siret: signedIn.company.siret.value,
            bidderId: signedIn.bidder.id ?? 0, bidderLogin: signedIn.bidder.login, csrfToken: signedIn.csrfToken)
    }

    /// The company session cookie (`maxAge` 0 clears it).
    package func cookie(_ token: String, maxAge: Int) -> Cookie {
        Cookie(
            name: SessionKind.bidder.cookieName, value: token, maxAge: maxAge, path: "/", secure: secureCookies,
            httpOnly: true, sameSite: .strict)
    }
}
