extension SignedInAgent {
    /// The header's name and sign-out form for the agent.
    package var banner: SignedInBanner {
        SignedInBanner(
            displayName: "\(agent.civility.rawValue) \(agent.firstName) \(agent.lastName)", csrfToken: csrfToken,
            signOutPath: "/deconnexion")
    }
}

extension SignedInBidder {
    /// The header's name (the bidder and their company) and sign-out form.
    package var banner: SignedInBanner {
        SignedInBanner(
            displayName: "\(bidder.firstName) \(bidder.lastName) — \(company.name)", csrfToken: csrfToken,
            signOutPath: "/entreprise/deconnexion")
    }
}

extension SignedInCitizen {
    /// The header's name (the household's responsible adult, or its e-mail) and sign-out form.
    package var banner: SignedInBanner {
        SignedInBanner(
            displayName: household.responsible?.fullName ?? household.email, csrfToken: csrfToken,
            signOutPath: "/citoyen/deconnexion")
    }
}
