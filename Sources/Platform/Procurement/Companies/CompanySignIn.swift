import PlatformKernel

extension SignInAccount {
    /// A company's bidder's login.
    package static func company(login: String) -> SignInAccount { SignInAccount(kind: "company", name: login) }
}

extension SignInThrottle {
    /// The company's bidder behind a login.
    package static let companyOwner: SignInOwnerLookup = { login, sql in
        guard let bidder = try await CompanyRepository(sql: sql).credentials(login: login)?.bidder else { return nil }
        return SignInOwner(
            subject: JournalSubject(kind: "bidder", id: bidder.id ?? 0), entityID: nil, email: bidder.email)
    }
}
