import Hummingbird
import PlatformKernel

/// The household behind a citizen's session.
package struct SignedInCitizen: SignedInIdentity {
    package let household: Household
    package let csrfToken: String
    package let sessionToken: String
    /// Seconds of inactivity that end the session (its pages warn before), 0 when unknown.
    package var idleTimeout: Int64

    package init(household: Household, csrfToken: String, sessionToken: String, idleTimeout: Int64 = 0) {
        self.household = household
        self.csrfToken = csrfToken
        self.sessionToken = sessionToken
        self.idleTimeout = idleTimeout
    }

    package var householdID: Int64 { household.id ?? 0 }

    /// The header's name (the household's responsible adult, or its e-mail) and sign-out form.
    package var banner: SignedInBanner {
        SignedInBanner(
            displayName: household.responsible?.fullName ?? household.email, csrfToken: csrfToken,
            signOutPath: "/citoyen/deconnexion", idleTimeout: idleTimeout)
    }

    /// The citizens' cookie.
    package static let cookie = "sceau_citoyen"
}

extension PlatformRequestContext {
    /// The household of the citizens' session cookie (`sceau_citoyen`).
    package var citizen: SignedInCitizen? {
        get { identities[SignedInCitizen.self] }
        set { identities[SignedInCitizen.self] = newValue }
    }
}

/// Finds the household of the citizens' session cookie.
package struct CitizenSessionResolver: SessionResolver {
    package let database: Database
    package let sessions: SessionPolicy

    package init(database: Database, sessions: SessionPolicy = SessionPolicy()) {
        self.database = database
        self.sessions = sessions
    }

    package func resolve(
        _ request: Request, takesCookies: Bool, into context: inout PlatformRequestContext
    ) async throws {
        guard takesCookies, let token = request.cookies[SignedInCitizen.cookie]?.value else { return }
        context.citizen = try await FrontOfficeService(
            database: database, hasher: PasswordHasher(), sessions: sessions
        ).signedIn(token: token)
    }
}

/// The context of the citizens' routes: a signed-in household.
package struct CitizenRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let signedIn: SignedInCitizen

    package init(context: PlatformRequestContext) throws {
        guard let citizen = context.citizen else {
            throw HTTPError(.unauthorized, message: "Connectez-vous à votre compte foyer pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = citizen
    }

    package var maxUploadSize: Int { PlatformRequestContext.formLimit }
}
