import Foundation
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Registration does not reveal whether an e-mail already has a household account.
extension DatabaseTests {
    struct RegistrationEnumerationTests {
        static let link = "https://sceau.example/citoyen/connexion"

        @Test(arguments: StorageBackend.available)
        func thePageAnswersAlikeForANewAndAKnownEmail(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let browser = FrontOfficePageTests.Browser(client: client)
                func register(_ lastName: String, _ password: String) async throws -> TestResponseSummary {
                    let response = try await browser.post(
                        "/citoyen/inscription",
                        [
                            ("civility", "Mme"), ("lastName", lastName), ("firstName", "Claire"),
                            ("address", "1 place de la Mairie"), ("email", "claire@example.invalid"),
                            ("password", password),
                        ])
                    return TestResponseSummary(
                        status: response.status.code, setsSession: response.headers[.setCookie] != nil,
                        body: String(buffer: response.body))
                }
                let new = try await register("Martin", "mot de passe sûr")
                let known = try await register("Autre", "autre mot de passe")
                #expect(new.status == 200)
                #expect(known == new)
                #expect(!new.setsSession)
                #expect(new.body.contains("Un e-mail de confirmation vous a été envoyé"))
                #expect(!known.body.contains("existe déjà"))
                // One account, with the first password.
                var owner = FrontOfficePageTests.Browser(client: client)
                try await owner.signIn("claire@example.invalid", "mot de passe sûr")
                let other = try await browser.post(
                    "/citoyen/connexion", [("email", "claire@example.invalid"), ("password", "autre mot de passe")])
                #expect(other.headers[.setCookie] == nil)
                let households = try await harness.withDatabase { database in
                    try await database.session { sql in try await sql.select().column("id").from("households").all() }
                }
                #expect(households.count == 1)
            }
        }
    }

    /// What a registration's answer shows an onlooker.
    struct TestResponseSummary: Equatable {
        let status: Int
        let setsSession: Bool
        let body: String
    }
}
