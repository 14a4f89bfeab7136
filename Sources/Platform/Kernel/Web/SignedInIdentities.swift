import Hummingbird

/// Someone a session (or a credential) stands for, other than an agent: a company's bidder, a citizen.
package protocol SignedInIdentity: Sendable {
    /// The session's anti-CSRF token, checked on every request that changes something.
    var csrfToken: String { get }
}

/// The identities of a request, one per type: each feature library reads its own.
package struct SignedInIdentities: Sendable {
    private var byType: [ObjectIdentifier: any SignedInIdentity] = [:]

    package init() {}

    package subscript<Identity: SignedInIdentity>(_ type: Identity.Type) -> Identity? {
        get { byType[ObjectIdentifier(type)] as? Identity }
        set { byType[ObjectIdentifier(type)] = newValue }
    }

    /// Every cookie session's anti-CSRF token. An identity a bearer credential stands for (a deposit job's)
    /// has none (`""`): a page's ambient credentials cannot forge it, so it asks for no CSRF token.
    package var csrfTokens: [String] { byType.values.map(\.csrfToken).filter { !$0.isEmpty } }

    package var isEmpty: Bool { byType.isEmpty }
}

/// Finds, for one audience, who a request stands for (its cookie, or a bearer credential) and stores them in
/// the context. ``SessionMiddleware`` runs every resolver the application registers, after the agent's.
package protocol SessionResolver: Sendable {
    /// - Parameter takesCookies: false on routes that authenticate by bearer credential only.
    func resolve(_ request: Request, takesCookies: Bool, into context: inout PlatformRequestContext) async throws
}
