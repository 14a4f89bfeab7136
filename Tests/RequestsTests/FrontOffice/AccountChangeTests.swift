import Foundation
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// "Mon compte": the citizen changes the account's e-mail and password with the current password.
extension DatabaseTests {
    struct AccountChangeTests {
        @Test(arguments: StorageBackend.available)
        func theEmailAndPasswordChangeOnlyWithTheCurrentPassword(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let bed = FrontOfficeTestbed(database)
                let household = try await bed.service.createAccount(FrontOfficeTestbed.account)
                let householdID = try #require(household.id)
                var other = FrontOfficeTestbed.account
                other.email = "voisin@example.invalid"
                _ = try await bed.service.createAccount(other)
                let here = try await bed.service.signIn(
                    email: "claire.martin@example.invalid", password: "mot de passe sûr")
                let elsewhere = try await bed.service.signIn(
                    email: "claire.martin@example.invalid", password: "mot de passe sûr")
                func change(_ password: String, _ email: String, _ newPassword: String? = nil) async throws
                    -> FrontOfficeService.AccountChange
                {
                    try await bed.service.changeAccount(
                        of: householdID, currentPassword: password, email: email, newPassword: newPassword,
                        keeping: here.sessionToken)
                }

                // A wrong current password, a taken address, a short new password: refused, nothing changed.
                await #expect(throws: DomainError.self) { _ = try await change("mauvais", "claire@example.invalid") }
                do {
                    _ = try await change("mot de passe sûr", "VOISIN@example.invalid")
                    Issue.record("another account's address was taken")
                } catch let error as DomainError {
                    #expect(error.description.contains("Un autre compte foyer utilise déjà"))
                }
                await #expect(throws: DomainError.self) {
                    _ = try await change("mot de passe sûr", "claire.martin@example.invalid", "court")
                }
                #expect(try await change("mot de passe sûr", "Claire.Martin@example.invalid") == .init())
                #expect(bed.mailer.messages.isEmpty)

                // A new address: the sign-in and the household's address follow; the former one is told.
                let moved = try await change("mot de passe sûr", " claire@example.invalid ")
                #expect(moved == .init(email: true, password: false, formerAddressTold: true))
                #expect(try await bed.service.household(householdID).email == "claire@example.invalid")
                let notice = try #require(bed.mailer.messages.last)
                #expect(notice.to == "claire.martin@example.invalid" && notice.body.contains("claire@example.invalid"))
                await #expect(throws: Error.self) {
                    _ = try await bed.service.signIn(
                        email: "claire.martin@example.invalid", password: "mot de passe sûr")
                }
                _ = try await bed.service.signIn(email: "claire@example.invalid", password: "mot de passe sûr")

                // A new password: the other sessions close, this one stays; the old password no longer opens.
                let renewed = try await change("mot de passe sûr", "claire@example.invalid", "nouveau mot de passe")
                #expect(renewed == .init(email: false, password: true, formerAddressTold: false))
                #expect(try await bed.service.signedIn(token: here.sessionToken) != nil)
                #expect(try await bed.service.signedIn(token: elsewhere.sessionToken) == nil)
                await #expect(throws: Error.self) {
                    _ = try await bed.service.signIn(email: "claire@example.invalid", password: "mot de passe sûr")
                }
                _ = try await bed.service.signIn(email: "claire@example.invalid", password: "nouveau mot de passe")

                // A relay down never undoes the change; the page will not claim the former address was told.
                bed.mailer.fail(true)
                let unannounced = try await change("nouveau mot de passe", "claire.m@example.invalid")
                #expect(unannounced == .init(email: true, password: false, formerAddressTold: false))
                let history = try await database.session { sql in
                    try await JournalRepository(sql: sql).entries(
                        subject: JournalSubject(kind: "household", id: householdID))
                }.map { HouseholdPages.describe($0.event) }
                #expect(history.contains("Compte modifié par l'usager : adresse e-mail"))
                #expect(history.contains("Compte modifié par l'usager : mot de passe"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func theSpacePageChangesTheAccount(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                var browser = FrontOfficePageTests.Browser(client: client)
                try await browser.register()
                let account = String(buffer: try await browser.get("/citoyen/compte").body)
                #expect(account.contains("<h1>Mon compte</h1>"))
                #expect(
                    account.contains(
                        "id=\"compte-email\" name=\"email\" type=\"email\" value=\"claire@example.invalid\""))
                #expect(String(buffer: try await browser.get("/citoyen").body).contains("href=\"/citoyen/compte\""))
                let fields = [("email", "claire.martin@example.invalid"), ("nouveauMotDePasse", "")]
                let forged = try await browser.post(
                    "/citoyen/compte", fields + [("motDePasse", "mot de passe sûr")], csrf: false)
                #expect(forged.status == .forbidden)
                let wrong = try await browser.post("/citoyen/compte", fields + [("motDePasse", "mauvais")])
                #expect(wrong.status == .badRequest)
                #expect(
                    String(buffer: wrong.body).contains("Mot de passe actuel : il ne correspond pas à votre compte."))
                // Beside the field it names, too.
                #expect(
                    String(buffer: wrong.body).contains(
                        "id=\"compte-actuel-erreur\"><span class=\"visually-hidden\">Erreur : </span>"
                            + "Il ne correspond pas à votre compte.</p>"))
                let saved = try await browser.post("/citoyen/compte", fields + [("motDePasse", "mot de passe sûr")])
                #expect(saved.status == .ok)
                let text = String(buffer: saved.body)
                #expect(text.contains("Votre adresse e-mail est modifiée : utilisez-la désormais pour vous connecter."))
                #expect(text.contains("value=\"claire.martin@example.invalid\""))
            }
        }
    }
}
