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

    /// Every identity's anti-CSRF token.
    package var csrfTokens: [String] { byType.values.map(\.csrfToken) }

    package var isEmpty: Bool { byType.isEmpty }
}

/// Finds, for one audience, who a request stands for (its cookie, or a bearer credential) and stores them in
/// the context. ``SessionMiddleware`` runs every resolver the application registers, after the agent's.
package protocol SessionResolver: Sendable {
    /// - Parameter takesCookies: false on routes that authenticate by bearer credential only.
    func resolve(_ request: Request, takesCookies: Bool, into context: inout PlatformRequestContext) async throws
}
