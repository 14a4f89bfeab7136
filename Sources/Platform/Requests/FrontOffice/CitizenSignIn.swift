import PlatformKernel

extension SignInAccount {
    /// A household account's e-mail.
    package static func citizen(email: String) -> SignInAccount { SignInAccount(kind: "citizen", name: email) }
}

extension SignInThrottle {
    /// The household behind an e-mail.
    package static let citizenOwner: SignInOwnerLookup = { email, sql in
        guard let found = try await FrontOfficeRepository(sql: sql).credentials(email: email) else { return nil }
        return SignInOwner(
            subject: JournalSubject(kind: "household", id: found.householdID), entityID: nil, email: email)
    }
}
