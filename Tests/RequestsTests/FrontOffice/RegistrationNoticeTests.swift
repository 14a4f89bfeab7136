import Foundation
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Registration through the service: the owner of a known e-mail is told by mail, and no second account is made.
extension DatabaseTests {
    struct RegistrationNoticeTests {
        static let link = RegistrationEnumerationTests.link

        @Test(arguments: StorageBackend.available)
        func aKnownEmailsOwnerIsToldAndNoSecondAccountIsMade(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let bed = FrontOfficeTestbed(database)
                try await bed.service.register(FrontOfficeTestbed.account, signInLink: Self.link)
                var again = FrontOfficeTestbed.account
                again.email = "CLAIRE.MARTIN@example.invalid"
                again.lastName = "Autre"
                again.password = "autre mot de passe"
                try await bed.service.register(again, signInLink: Self.link)
                let messages = bed.mailer.messages
                #expect(messages.map(\.to) == ["claire.martin@example.invalid", "claire.martin@example.invalid"])
                #expect(messages.first?.subject == "Sceau — votre compte foyer est créé")
                #expect(messages.last?.subject == "Sceau — tentative de création d'un compte foyer")
                #expect(messages.last?.body.contains("Aucun autre compte n'a été créé") == true)
                #expect(messages.allSatisfy { $0.body.contains(Self.link) })
                _ = try await bed.service.signIn(email: "claire.martin@example.invalid", password: "mot de passe sûr")
                await #expect(throws: Error.self) {
                    _ = try await bed.service.signIn(
                        email: "claire.martin@example.invalid", password: "autre mot de passe")
                }
                // A wrong field is refused for a known e-mail as for a new one, before the e-mail is looked up.
                var weak = again
                weak.password = "court"
                await #expect(throws: DomainError.self) { try await bed.service.register(weak, signInLink: Self.link) }
                // Without a relay, the answer stays the same.
                var silent = bed.service
                silent.mailer = UnconfiguredMailer()
                try await silent.register(again, signInLink: Self.link)
                var fresh = FrontOfficeTestbed.account
                fresh.email = "autre@example.invalid"
                try await silent.register(fresh, signInLink: Self.link)
                _ = try await bed.service.signIn(email: "autre@example.invalid", password: "mot de passe sûr")
            }
        }
    }
}
