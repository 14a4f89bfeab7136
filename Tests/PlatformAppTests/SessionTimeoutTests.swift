import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// « Déconnexion automatique au bout d'un certain temps d'inactivité » (seed 002), for agents, companies and
/// citizens alike: a session without any request for `--idle-timeout` seconds ends; each request moves its end
/// forward, never past `--session-lifetime` after signing in.
struct SessionPolicyTests {
    @Test func theEndIsTheEarlierOfIdlenessAndLifetime() {
        let policy = SessionPolicy(lifetime: 8 * 3600, idleTimeout: 1800)
        #expect(policy.expiry(openedAt: 1000, now: 1000) == 2800)
        #expect(policy.expiry(openedAt: 1000, now: 5000) == 6800)
        #expect(policy.expiry(openedAt: 1000, now: 1000 + 8 * 3600 - 10) == 1000 + 8 * 3600)
    }

    @Test func theIdleTimeoutNeverExceedsTheLifetime() {
        #expect(SessionPolicy(lifetime: 600, idleTimeout: 1800).idleTimeout == 600)
    }

    @Test func aSessionIsWrittenAtMostOnceAMinuteAndThePageWarnsAMinuteBefore() {
        #expect(SessionPolicy(idleTimeout: 1800).touchStep == 60)
        #expect(SessionPolicy(idleTimeout: 8).touchStep == 2)
        #expect(SessionPolicy.warningLead(idleTimeout: 1800) == 60)
        #expect(SessionPolicy.warningLead(idleTimeout: 20) == 10)
    }
}

extension DatabaseTests {
    struct SessionTimeoutTests {
        static func idle(_ seconds: Int64, lifetime: Int64 = 3600) -> @Sendable (inout PlatformConfiguration) -> Void {
            { $0.sessions = SessionPolicy(lifetime: lifetime, idleTimeout: seconds) }
        }

        static func pause(_ seconds: Double) async throws {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        }

        @Test(arguments: StorageBackend.available)
        func anAgentsIdleSessionEndsAndItsPagesSayWhen(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend, configure: Self.idle(3)) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let agent = try await AgentClient.signIn(client, login: "admin-a")
                let page = String(buffer: try await agent.send(.get, "/espace-agent").body)
                #expect(page.contains(#"id="fin-de-session""#))
                #expect(page.contains(#"data-inactivite="3""#))
                #expect(page.contains(#"data-connexion="/connexion?fin=inactivite""#))
                #expect(page.contains("Rester connecté"))
                try await Self.pause(5)
                #expect(try await agent.send(.get, "/api/session").status == .unauthorized)
                #expect(try await agent.send(.get, "/session/activite").status == .unauthorized)
            }
        }

        @Test(arguments: StorageBackend.available)
        func requestsKeepASessionAliveUntilItsLifetime(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend, configure: Self.idle(4, lifetime: 9)) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let agent = try await AgentClient.signIn(client, login: "admin-a")
                // Seven seconds of « Rester connecté », well past the idle timeout: the session stays.
                for _ in 0..<7 {
                    try await Self.pause(1)
                    #expect(try await agent.send(.get, "/session/activite").status == .noContent)
                }
                #expect(try await agent.send(.get, "/api/session").status == .ok)
                // Activity cannot stretch it past its lifetime (nine seconds after signing in).
                try await Self.pause(1)
                #expect(try await agent.send(.get, "/session/activite").status == .noContent)
                try await Self.pause(2.5)
                #expect(try await agent.send(.get, "/api/session").status == .unauthorized)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aCompanysIdleSessionEndsToo(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend, configure: Self.idle(3)) { _, client in
                let registration = CompanyController.Registration(
                    name: "Bâtiments Durand SARL", siret: "44306184100047", address: "2 rue du Port, 13002 Marseille",
                    bidder: APIModels.NewAgent(
                        civility: .monsieur, lastName: "Durand", firstName: "Paul", email: "paul@durand.invalid",
                        login: "bidder-1", password: PlatformHarness.password))
                let created = try await client.executeRequest(
                    uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(data: try JSONEncoder().encode(registration)))
                try #require(created.status == .created)
                let bidder = try await AgentClient.signIn(client, login: "bidder-1", bidder: true)
                let page = String(buffer: try await bidder.send(.get, "/entreprise").body)
                #expect(page.contains(#"data-connexion="/entreprise/connexion?fin=inactivite""#))
                #expect(try await bidder.send(.get, "/session/activite").status == .noContent)
                try await Self.pause(5)
                #expect(try await bidder.send(.get, "/api/entreprise/session").status == .unauthorized)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aCitizensIdleSessionEndsToo(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend, configure: Self.idle(3)) { _, client in
                func form(_ path: String, _ body: String, cookie: String? = nil) async throws -> TestResponse {
                    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                    if let cookie { headers[.cookie] = cookie }
                    return try await client.executeRequest(
                        uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
                }
                let registered = try await form(
                    "/citoyen/inscription",
                    "civility=Mme&lastName=Martin&firstName=Claire&address=1+place+de+la+Mairie"
                        + "&email=claire%40example.invalid&password=mot+de+passe+s%C3%BBr")
                try #require(registered.status == .ok)
                let signedIn = try await form(
                    "/citoyen/connexion", "email=claire%40example.invalid&password=mot+de+passe+s%C3%BBr")
                try #require(signedIn.status == .found)
                let cookie = String(try #require(signedIn.headers[.setCookie]?.split(separator: ";").first))
                let space = try await client.executeRequest(
                    uri: "/citoyen", method: .get, headers: [.cookie: cookie], body: nil)
                #expect(space.status == .ok)
                #expect(String(buffer: space.body).contains(#"data-connexion="/citoyen/connexion?fin=inactivite""#))
                try await Self.pause(5)
                let after = try await client.executeRequest(
                    uri: "/citoyen", method: .get, headers: [.cookie: cookie], body: nil)
                #expect(after.status != .ok)
            }
        }

        @Test func theSignInPagesSayWhyTheSessionEnded() async throws {
            try await PlatformHarness.run(.sqlite) { _, client in
                for path in ["/connexion", "/entreprise/connexion", "/citoyen/connexion"] {
                    let ended = String(
                        buffer: try await client.executeRequest(
                            uri: path + "?fin=inactivite", method: .get, headers: [:], body: nil
                        ).body)
                    #expect(ended.contains("terminée après une période d"), "\(path)")
                    let plain = String(
                        buffer: try await client.executeRequest(uri: path, method: .get, headers: [:], body: nil).body)
                    #expect(!plain.contains("terminée après une période d"), "\(path)")
                }
            }
        }
    }
}
