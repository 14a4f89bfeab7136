import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Assistant

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The one retry loop of the platform clients: what it tries again, how often, and what it says when it gives up.
struct PlatformRetryTests {
    /// Counts the requests a test platform received.
    private actor Counter {
        private(set) var count = 0
        func next() -> Int {
            count += 1
            return count - 1
        }
    }

    /// Runs `body` against a platform that answers its requests with `statuses` in turn (the last one ever after).
    private func withPlatform(
        _ statuses: [Int], _ body: @escaping @Sendable (URLRequest, Counter) async throws -> Void
    ) async throws {
        let counter = Counter()
        let router = Router()
        router.get("api/x") { _, _ in
            let status = statuses[min(await counter.next(), statuses.count - 1)]
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"Surcharge passagère"}}"#)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/x")!), counter)
        }
    }

    private func retry(_ retries: Int) -> PlatformRetry {
        PlatformRetry(platform: "http://plateforme.test", retries: retries, resume: "relancez pour reprendre.")
    }

    @Test func transientAnswersAreTriedAgainUntilOneIsNot() async throws {
        try await withPlatform([503, 429, 404]) { request, counter in
            let answer = try await retry(2).send(request, on: .shared, as: JobPlatformClient.Answer.self)
            #expect(answer.status == 404)
            #expect(await counter.count == 3)
        }
    }

    @Test func afterTheRetriesItSaysInFrenchWhatFailedAndWhatToDo() async throws {
        try await withPlatform([503]) { request, counter in
            do {
                _ = try await retry(1).send(request, on: .shared, as: JobPlatformClient.Answer.self)
                Issue.record("a platform that always answers 503 gave an answer")
            } catch {
                guard let failure = error as? PlatformRetry.Failure, case .unreachable(let message) = failure
                else { throw error }
                #expect(
                    message
                        == "La plateforme http://plateforme.test est injoignable (HTTP 503 : Surcharge passagère) "
                        + "après 2 essai(s) : vérifiez l'adresse et le réseau ; relancez pour reprendre.")
            }
            #expect(await counter.count == 2)
        }
    }

    @Test func aRequestSentOnlyOnceIsNotTriedAgain() async throws {
        try await withPlatform([500, 200]) { request, counter in
            await #expect(throws: PlatformRetry.Failure.self) {
                try await retry(3).send(request, on: .shared, retrying: false, as: JobPlatformClient.Answer.self)
            }
            #expect(await counter.count == 1)
        }
    }

    @Test func theWaitDoublesFromAQuarterOfASecondUpToEight() {
        #expect((0..<8).map(PlatformRetry.delay(afterAttempt:)) == [0.25, 0.5, 1, 2, 4, 8, 8, 8])
    }
}
