import Hummingbird
import PlatformKernel

/// A company's bidder behind a session.
package struct SignedInBidder: SignedInIdentity {
    package let bidder: Bidder
    package let company: Company
    package let csrfToken: String
    package let sessionToken: String
    /// Set when a deposit job's credential, not a session, stands for the bidder: it acts only on the
    /// deposits of that consultation.
    package var depositJob: DepositJobScope? = nil
    /// Seconds of inactivity that end the session (its pages warn before), 0 when unknown.
    package var idleTimeout: Int64

    package init(
        bidder: Bidder, company: Company, csrfToken: String, sessionToken: String, depositJob: DepositJobScope? = nil,
        idleTimeout: Int64 = 0
    ) {
        self.bidder = bidder
        self.company = company
        self.csrfToken = csrfToken
        self.sessionToken = sessionToken
        self.depositJob = depositJob
        self.idleTimeout = idleTimeout
    }

    /// The header's name (the bidder and their company) and sign-out form.
    package var banner: SignedInBanner {
        SignedInBanner(
            displayName: "\(bidder.firstName) \(bidder.lastName) — \(company.name)", csrfToken: csrfToken,
            signOutPath: "/entreprise/deconnexion", idleTimeout: idleTimeout)
    }
}

/// What a deposit job's credential may reach: the deposits of one consultation.
package struct DepositJobScope: Sendable, Equatable {
    package let jobID: String
    package let consultationID: Int64

    package init(jobID: String, consultationID: Int64) {
        self.jobID = jobID
        self.consultationID = consultationID
    }
}

extension PlatformRequestContext {
    /// The company's bidder of the session cookie (`sceau_entreprise`), or of a deposit job's credential.
    package var bidder: SignedInBidder? {
        get { identities[SignedInBidder.self] }
        set { identities[SignedInBidder.self] = newValue }
    }
}

/// Finds the bidder of the company session cookie or, on `/api/deposits…` without any cookie session, of a
/// deposit job's bearer credential (no cookie, so nothing a page's ambient credentials could forge).
package struct BidderSessionResolver: SessionResolver {
    package let database: Database
    package let sessions: SessionPolicy

    package init(database: Database, sessions: SessionPolicy = SessionPolicy()) {
        self.database = database
        self.sessions = sessions
    }

    package func resolve(
        _ request: Request, takesCookies: Bool, into context: inout PlatformRequestContext
    ) async throws {
        if takesCookies, let token = request.cookies[SessionKind.bidder.cookieName]?.value {
            context.bidder = try await database.session { sql in
                try await CompanyRepository(sql: sql).signedIn(sessionToken: token, policy: sessions)
            }
        }
        if context.bidder == nil, context.agent == nil, request.uri.path.hasPrefix("/api/deposits"),
            let credential = context.bearer
        {
            context.bidder = try await database.session { sql in
                try await DepositJobRepository(sql: sql).signedIn(
                    credentialSHA256: SessionToken.hash(credential.secret), at: Timestamp.now())
            }
        }
    }
}

/// The context of the companies' routes: a signed-in bidder (or a deposit job's credential standing for one).
package struct BidderRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let signedIn: SignedInBidder

    package init(context: PlatformRequestContext) throws {
        guard let bidder = context.bidder else {
            throw HTTPError(.unauthorized, message: "Connectez-vous avec le compte de votre entreprise pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = bidder
    }

    package var maxUploadSize: Int { PlatformRequestContext.formLimit }
}
