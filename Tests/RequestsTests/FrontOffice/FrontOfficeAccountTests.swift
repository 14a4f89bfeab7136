import Foundation
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Household accounts, sign-in, forgotten password and the drafts' sweep, on SQLite and PostgreSQL.
extension DatabaseTests {
    struct FrontOfficeAccountTests {
        @Test(arguments: StorageBackend.available)
        func accountCreationIsUniqueByEmailAndSignsIn(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let bed = FrontOfficeTestbed(database)
                let household = try await bed.service.createAccount(FrontOfficeTestbed.account)
                #expect(household.state == .inProgress)
                #expect(household.email == "claire.martin@example.invalid")
                #expect(household.responsible?.fullName == "Claire Martin")
                // The same e-mail, in other letters' case, is refused in French.
                var again = FrontOfficeTestbed.account
                again.email = "CLAIRE.MARTIN@example.invalid"
                await #expect(throws: DomainError.self) { _ = try await bed.service.createAccount(again) }
                do {
                    _ = try await bed.service.createAccount(again)
                } catch let error as DomainError {
                    #expect(error.description.contains("Un compte foyer existe déjà"))
                }
                // Too short a password, or a wrong e-mail, are refused before anything is stored.
                var weak = FrontOfficeTestbed.account
                weak.email = "autre@example.invalid"
                weak.password = "court"
                await #expect(throws: DomainError.self) { _ = try await bed.service.createAccount(weak) }
                var wrongEmail = FrontOfficeTestbed.account
                wrongEmail.email = "pas-une-adresse"
                await #expect(throws: DomainError.self) { _ = try await bed.service.createAccount(wrongEmail) }

                let signedIn = try await bed.service.signIn(
                    email: "claire.martin@example.invalid", password: "mot de passe sûr")
                #expect(signedIn.householdID == household.id)
                let found = try await bed.service.signedIn(token: signedIn.sessionToken)
                #expect(found?.householdID == household.id)
                #expect(found?.csrfToken == signedIn.csrfToken)
                await #expect(throws: Error.self) {
                    _ = try await bed.service.signIn(email: "claire.martin@example.invalid", password: "mauvais mot")
                }
                await #expect(throws: Error.self) {
                    _ = try await bed.service.signIn(email: "inconnu@example.invalid", password: "mot de passe sûr")
                }
                // Only the token's SHA-256 is stored.
                let stored = try await database.session { sql in
                    try await sql.select().column("token_hash").from("citizen_sessions").all(
                        decodingColumn: "token_hash", as: String.self)
                }
                #expect(stored == [SessionToken.hash(signedIn.sessionToken)])
                try await bed.service.signOut(token: signedIn.sessionToken)
                #expect(try await bed.service.signedIn(token: signedIn.sessionToken) == nil)
            }
        }

        @Test(arguments: StorageBackend.available)
        func resetTokenIsOneTimeAndExpiresAfterAnHour(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let bed = FrontOfficeTestbed(database)
                _ = try await bed.service.createAccount(FrontOfficeTestbed.account)
                let session = try await bed.service.signIn(
                    email: "claire.martin@example.invalid", password: "mot de passe sûr")
                // An unknown address sends nothing and says nothing.
                try await bed.service.requestPasswordReset(email: "inconnu@example.invalid") { "https://x/\($0)" }
                #expect(bed.mailer.messages.isEmpty)

                try await bed.service.requestPasswordReset(email: "Claire.Martin@example.invalid") {
                    "https://sceau.example/citoyen/nouveau-mot-de-passe?jeton=\($0)"
                }
                let message = try #require(bed.mailer.messages.first)
                #expect(message.to == "claire.martin@example.invalid")
                let token = try #require(Self.token(in: message.body))
                #expect(try await bed.service.resetIsLive(token: token))
                try await bed.service.resetPassword(token: token, newPassword: "nouveau secret")
                // The sessions opened with the old password are closed; the new password signs in, the old not.
                #expect(try await bed.service.signedIn(token: session.sessionToken) == nil)
                _ = try await bed.service.signIn(email: "claire.martin@example.invalid", password: "nouveau secret")
                await #expect(throws: Error.self) {
                    _ = try await bed.service.signIn(
                        email: "claire.martin@example.invalid", password: "mot de passe sûr")
                }
                // Used once: refused the second time.
                #expect(try await bed.service.resetIsLive(token: token) == false)
                await #expect(throws: DomainError.self) {
                    try await bed.service.resetPassword(token: token, newPassword: "troisième secret")
                }

                // A second link expires after an hour.
                try await bed.service.requestPasswordReset(email: "claire.martin@example.invalid") {
                    "https://sceau.example/citoyen/nouveau-mot-de-passe?jeton=\($0)"
                }
                let late = try #require(Self.token(in: bed.mailer.messages.last?.body ?? ""))
                bed.clock.advance(3600)
                #expect(try await bed.service.resetIsLive(token: late) == false)
                await #expect(throws: DomainError.self) {
                    try await bed.service.resetPassword(token: late, newPassword: "troisième secret")
                }
                // Nothing of the token is stored but its SHA-256.
                let hashes = try await database.session { sql in
                    try await sql.select().column("token_hash").from("citizen_password_resets").all(
                        decodingColumn: "token_hash", as: String.self)
                }
                #expect(hashes.contains(SessionToken.hash(late)) && !hashes.contains(late))
            }
        }

        static func token(in body: String) -> String? {
            guard let range = body.range(of: "jeton=") else { return nil }
            return String(body[range.upperBound...].prefix { !$0.isWhitespace })
        }

        @Test(arguments: StorageBackend.available)
        func draftSweepWarnsThenDeletes(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let bed = FrontOfficeTestbed(database)
                let householdID = try #require(f.household.id)
                try await database.transaction { sql in
                    try await FrontOfficeRepository(sql: sql).createAccount(
                        householdID: householdID, email: "legrand@example.invalid", passwordHash: "x", at: 0)
                }
                var service = bed.service
                service.settings.draftLifetime = 30 * 86_400
                service.settings.draftNoticeDays = 7
                let draft = try await service.saveDraft(
                    nil, teleservice: f.teleservice.id ?? 0, subject: f.household.members[1].id,
                    data: ["ecole": ["gare"]], household: householdID)
                #expect(draft.expiresAt == RequestFixture.start + 30 * 86_400)
                // Day 22: nothing due yet.
                bed.clock.advance(22 * 86_400)
                #expect(try await service.sweepDrafts() == .init())
                // Day 24: the notice goes out, once; the draft is still there.
                bed.clock.advance(2 * 86_400)
                #expect(try await service.sweepDrafts() == .init(noticesSent: 1))
                #expect(try await service.sweepDrafts() == .init())
                let notice = try #require(bed.mailer.messages.first)
                #expect(notice.to == "legrand@example.invalid")
                #expect(notice.subject.contains("Inscription scolaire"))
                #expect(notice.body.contains("sera supprimé le"))
                #expect(try await service.drafts(of: householdID).count == 1)
                // Day 30: deleted.
                bed.clock.advance(6 * 86_400)
                #expect(try await service.sweepDrafts() == .init(deleted: 1))
                #expect(try await service.drafts(of: householdID).isEmpty)

                // A draft found expired with no notice sent (sweep down, relay down) is not deleted unwarned:
                // it gets the notice and the notice period.
                let late = try await service.saveDraft(
                    nil, teleservice: f.teleservice.id ?? 0, subject: nil, data: [:], household: householdID)
                bed.mailer.fail(true)
                bed.clock.advance(31 * 86_400)
                #expect(try await service.sweepDrafts() == .init(failedNotices: 1))
                #expect(try await service.drafts(of: householdID).map(\.id) == [late.id])
                bed.mailer.fail(false)
                #expect(try await service.sweepDrafts() == .init(noticesSent: 1))
                let kept = try #require(try await service.drafts(of: householdID).first)
                #expect(kept.expiresAt == bed.clock.now + 7 * 86_400)
                bed.clock.advance(7 * 86_400)
                #expect(try await service.sweepDrafts() == .init(deleted: 1))
                #expect(bed.mailer.messages.count == 2)
            }
        }
    }
}
