import Foundation
import PlatformKernel
import SQLKit

extension JournalAction {
    package static let householdAccountChanged: JournalAction = "household.account-changed"
}

/// "Mon compte" in the citizen's space: the account's e-mail (its sign-in and where the platform writes)
/// and its password, changed with the current password.
extension FrontOfficeService {
    /// What ``changeAccount(of:currentPassword:email:newPassword:keeping:)`` changed.
    package struct AccountChange: Sendable, Equatable {
        package var email = false
        package var password = false
        /// Whether the former address was told of its replacement (false without a relay, or when it refused).
        package var formerAddressTold = false
    }

    /// Changes the e-mail (unique among accounts, 409 otherwise) and, when `newPassword` is given, the
    /// password, once `currentPassword` is checked (400 when wrong). A new password closes the household's
    /// other sessions; a new e-mail is told to the former address when the mail goes (it never undoes the
    /// change).
    package func changeAccount(
        of householdID: Int64, currentPassword: String, email: String, newPassword: String?,
        keeping sessionToken: String
    ) async throws -> AccountChange {
        let email = FrontOfficeRepository.normalised(email)
        try Self.checkEmail(email)
        let newPassword = newPassword.flatMap { $0.isEmpty ? nil : $0 }
        if let newPassword {
            do { try PasswordPolicy.check(newPassword) } catch {
                throw DomainError.invalidField(field: "Nouveau mot de passe", reason: "entre 8 et 128 caractères.")
            }
        }
        let former = try await database.session { sql -> (email: String, hash: String)? in
            let repository = FrontOfficeRepository(sql: sql)
            guard let email = try await repository.email(of: householdID),
                let found = try await repository.credentials(email: email), found.householdID == householdID
            else { return nil }
            return (email, found.passwordHash)
        }
        guard let former else { throw DomainError.notFound(what: "Compte foyer") }
        guard try await hasher.check(currentPassword, against: former.hash) else {
            throw DomainError.invalidField(field: "Mot de passe actuel", reason: "il ne correspond pas à votre compte.")
        }
        let hash = try await newPassword.asyncMap { try await hasher.hash($0) }
        let changed = AccountChange(email: email != former.email, password: hash != nil)
        guard changed != AccountChange() else { return changed }
        try await database.transaction { sql in
            let repository = FrontOfficeRepository(sql: sql)
            if changed.email {
                guard try await !repository.emailTaken(email) else {
                    throw DomainError.conflict(reason: "Un autre compte foyer utilise déjà l'adresse \(email).")
                }
                try await repository.setEmail(householdID: householdID, email: email)
            }
            if let hash {
                try await repository.setPassword(householdID: householdID, passwordHash: hash)
                try await repository.closeSessions(of: householdID, except: sessionToken)
            }
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "household", id: householdID),
                    action: .householdAccountChanged,
                    details: ["email": String(changed.email), "password": String(changed.password), "by": "citizen"]))
        }
        var change = changed
        if change.email {
            change.formerAddressTold =
                (try? await mailer.send(
                    MailMessage(
                        from: sender, to: former.email, subject: "Sceau — l'adresse de votre compte foyer a changé",
                        body: """
                            Bonjour,

                            L'adresse e-mail de votre compte foyer vient d'être remplacée par \(email). C'est désormais \
                            elle qui sert à vous connecter et à laquelle la mairie vous écrit.

                            Si vous n'êtes pas à l'origine de ce changement, contactez la mairie sans attendre.
                            """))) != nil
        }
        return change
    }
}

extension Optional {
    /// The value transformed by an asynchronous function, or nil.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
