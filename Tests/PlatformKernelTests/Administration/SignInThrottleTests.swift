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

/// Password guessing is throttled on every sign-in (issue 15, finding 4): per account and per source address,
/// refused at once with 429 and a French message, the same for unknown accounts, the owner told by mail.
extension DatabaseTests {
    struct SignInThrottleTests {
        /// The first lock lasts a minute here, so that no test races a one-second delay.
        private static func configure(_ mailer: RecordingMailer) -> @Sendable (inout PlatformConfiguration) -> Void {
            { configuration in
                configuration.signIn.firstDelay = 60
                configuration.noticeMailer = mailer
            }
        }

        private static func text(_ response: TestResponse?) -> String {
            response.map { String(buffer: $0.body) } ?? ""
        }

        private static let message = "Trop de tentatives de connexion. Réessayez dans 1 minute."

        private func apiSignIn(
            _ client: any TestClientProtocol, _ path: String = "/api/session", login: String, password: String,
            from address: String? = nil
        ) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let address { headers[SignInThrottle.forwardedFor] = address }
            return try await client.executeRequest(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(string: #"{"login":"\#(login)","password":"\#(password)"}"#))
        }

        private func form(_ client: any TestClientProtocol, _ path: String, _ fields: String) async throws
            -> TestResponse
        {
            try await client.executeRequest(
                uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: fields))
        }

        @Test(arguments: StorageBackend.available)
        func wrongPasswordsLockTheAccountAlikeForUnknownOnesAndTellTheOwner(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            try await PlatformHarness.run(backend, configure: Self.configure(mailer)) { harness, client in
                let city = try await harness.entity("Ville A", login: "admin-a")
                for _ in 1...4 {
                    #expect(
                        try await apiSignIn(client, login: "admin-a", password: "wrong password").status
                            == .unauthorized)
                }
                let locked = try await apiSignIn(client, login: "admin-a", password: "wrong password")
                #expect(locked.status == .tooManyRequests)
                #expect(String(buffer: locked.body).contains(Self.message))
                #expect(locked.headers[.retryAfter] == "60")
                #expect(locked.headers[.setCookie] == nil)
                // The right password changes nothing during the delay.
                let right = try await apiSignIn(client, login: "admin-a", password: PlatformHarness.password)
                #expect(right.status == .tooManyRequests)
                #expect(right.headers[.setCookie] == nil)
                #expect(String(buffer: right.body) == String(buffer: locked.body))

                // An unknown login gets the very same answers, but nobody is mailed.
                for _ in 1...4 {
                    #expect(
                        try await apiSignIn(client, login: "nobody", password: "wrong password").status
                            == .unauthorized)
                }
                let unknown = try await apiSignIn(client, login: "nobody", password: "wrong password")
                #expect(unknown.status == locked.status)
                #expect(String(buffer: unknown.body) == String(buffer: locked.body))
                #expect(unknown.headers[.retryAfter] == locked.headers[.retryAfter])

                // The owner of the real account is told, once (the notice leaves apart from the answer).
                for _ in 0..<100 where mailer.messages.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
                let notices = mailer.messages
                #expect(notices.count == 1)
                #expect(notices.first?.to == "admin-a@example.invalid")
                #expect(notices.first?.body.contains("suspendue") == true)

                // Each lock is in the journal: the agent's in the city's, the unknown login's too.
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        let journal = JournalRepository(sql: sql)
                        let agentLocks = try await journal.entries(entity: city).filter {
                            $0.event.action == .signInLocked
                        }
                        #expect(agentLocks.count == 1)
                        #expect(agentLocks.first?.event.subject.kind == "agent")
                        #expect(agentLocks.first?.event.details["account"] == "agent:admin-a")
                        let unknownLocks = try await journal.entries(subject: JournalSubject(kind: "sign-in", id: 0))
                        #expect(unknownLocks.map { $0.event.details["account"] } == ["agent:nobody"])
                    }
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func aSuccessfulSignInClearsTheAccountsFailures(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            try await PlatformHarness.run(backend, configure: Self.configure(mailer)) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                for _ in 1...4 {
                    #expect(
                        try await apiSignIn(client, login: "admin-a", password: "wrong password").status
                            == .unauthorized)
                }
                #expect(try await apiSignIn(client, login: "admin-a", password: PlatformHarness.password).status == .ok)
                // Four more failures are the first four of a new count: no lock.
                for _ in 1...4 {
                    #expect(
                        try await apiSignIn(client, login: "admin-a", password: "wrong password").status
                            == .unauthorized)
                }
                #expect(try await apiSignIn(client, login: "admin-a", password: PlatformHarness.password).status == .ok)
                #expect(mailer.messages.isEmpty)
            }
        }

        @Test(arguments: StorageBackend.available)
        func companiesAndCitizensAndTheSignInPagesAreThrottledToo(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            try await PlatformHarness.run(backend, configure: Self.configure(mailer)) { _, client in
                // The companies' JSON sign-in.
                var last: TestResponse?
                for _ in 1...5 {
                    last = try await apiSignIn(
                        client, "/api/entreprise/session", login: "entreprise-x", password: "wrong password")
                }
                #expect(last?.status == .tooManyRequests)
                #expect(Self.text(last).contains(Self.message))
                // The agents' page: the form comes back with the message, status 429.
                for _ in 1...5 { last = try await form(client, "/connexion", "login=agent-x&password=faux") }
                #expect(last?.status == .tooManyRequests)
                #expect(Self.text(last).contains(Self.message))
                #expect(Self.text(last).contains(#"id="login""#))
                // The companies' page.
                for _ in 1...5 { last = try await form(client, "/entreprise/connexion", "login=autre-x&password=faux") }
                #expect(last?.status == .tooManyRequests)
                #expect(Self.text(last).contains(Self.message))
                // The citizens' page.
                for _ in 1...5 {
                    last = try await form(
                        client, "/citoyen/connexion", "email=inconnu%40example.invalid&password=faux")
                }
                #expect(last?.status == .tooManyRequests)
                #expect(Self.text(last).contains(Self.message))
                #expect(mailer.messages.isEmpty)
            }
        }

        @Test(arguments: StorageBackend.available)
        func oneSourceAddressTryingManyAccountsIsLockedBehindATrustedProxyOnly(backend: StorageBackend)
            async throws
        {
            let mailer = RecordingMailer()
            let configure: @Sendable (inout PlatformConfiguration) -> Void = { configuration in
                configuration.signIn.firstDelay = 60
                configuration.signIn.addressAttempts = 3
                configuration.trustForwardedFor = true
                configuration.noticeMailer = mailer
            }
            try await PlatformHarness.run(backend, configure: configure) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let address = "10.0.0.1, 198.51.100.7"
                for login in ["a1", "a2"] {
                    #expect(
                        try await apiSignIn(client, login: login, password: "x", from: address).status == .unauthorized)
                }
                let third = try await apiSignIn(client, login: "a3", password: "x", from: address)
                #expect(third.status == .tooManyRequests)
                // Locked for every account, a real one with its right password included…
                #expect(
                    try await apiSignIn(client, login: "admin-a", password: PlatformHarness.password, from: address)
                        .status == .tooManyRequests)
                // …but not another address (the proxy's last entry counts, not what the client wrote before it).
                #expect(
                    try await apiSignIn(
                        client, login: "admin-a", password: PlatformHarness.password,
                        from: "198.51.100.7, 198.51.100.8"
                    ).status == .ok)
            }
            // Without --trust-forwarded-for, the header is the client's own text: ignored.
            let untrusted: @Sendable (inout PlatformConfiguration) -> Void = { $0.signIn.addressAttempts = 3 }
            try await PlatformHarness.run(backend, configure: untrusted) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                for login in ["a1", "a2", "a3", "a4"] {
                    #expect(
                        try await apiSignIn(client, login: login, password: "x", from: "198.51.100.7").status
                            == .unauthorized)
                }
            }
        }

        @Test func theDelayDoublesFromTheThresholdUpToTheCap() {
            let policy = SignInThrottlePolicy()
            #expect(policy.delay(afterFailures: 4, threshold: 5) == nil)
            #expect(policy.delay(afterFailures: 5, threshold: 5) == 1)
            #expect(policy.delay(afterFailures: 6, threshold: 5) == 2)
            #expect(policy.delay(afterFailures: 8, threshold: 5) == 8)
            #expect(policy.delay(afterFailures: 15, threshold: 5) == 900)
            #expect(policy.delay(afterFailures: 5_000, threshold: 5) == 900)
            #expect(
                SignInThrottlePolicy.message(retryAfter: 1)
                    == "Trop de tentatives de connexion. Réessayez dans 1 minute.")
            #expect(
                SignInThrottlePolicy.message(retryAfter: 900)
                    == "Trop de tentatives de connexion. Réessayez dans 15 minutes.")
        }
    }
}
