extension SignedInAgent {
    /// The header's name and sign-out form for the agent.
    package var banner: SignedInBanner {
        SignedInBanner(
            displayName: "\(agent.civility.rawValue) \(agent.firstName) \(agent.lastName)", csrfToken: csrfToken,
            signOutPath: "/deconnexion", accountPath: "/espace-agent/mon-compte", idleTimeout: idleTimeout)
    }
}
