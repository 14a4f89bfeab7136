import CoreModel
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An answer of the platform, as a client of the assistant reads it.
protocol PlatformAnswer: Sendable {
    init(status: Int, body: Data, headers: [String: String])
    var status: Int { get }
    /// The platform's message for a refusal, or the body as text.
    var message: String { get }
}

/// Sends a request to a platform again after a transient failure (a network error, 429 or a 5xx), waiting
/// 0.25 s, then twice as long each time, 8 s at most: the one retry loop of the deposit client and of the
/// remote-jobs client. Its messages are in French, for the people who read them.
struct PlatformRetry: Sendable {
    /// The platform's address, as messages name it.
    let platform: String
    /// How many times a request may be sent again.
    let retries: Int
    /// What the user does once the retries are spent ("relancez la même commande pour reprendre.").
    let resume: String

    /// The statuses worth another try.
    static let transientStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Why a request got no usable answer.
    enum Failure: Error, CustomStringConvertible {
        /// The address answered, but not in HTTP.
        case notHTTP(String)
        /// A failure that no retry mends (the request was cancelled, its URL is not supported…).
        case failed(String)
        /// The request still failed after the retries, or the wait before the next one was interrupted.
        case unreachable(String)

        var description: String {
            switch self {
            case .notHTTP(let message), .failed(let message), .unreachable(let message): message
            }
        }
    }

    /// A request to the platform: `body`, of type `contentType`, for an answer of type `accept`.
    static func request(_ method: String, _ url: URL, body: Data?, contentType: String, accept: String) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.setValue(accept, forHTTPHeaderField: "Accept")
        return request
    }

    /// The waiting time before retry `attempt + 1` (`attempt` counts from 0), in seconds.
    static func delay(afterAttempt attempt: Int) -> Double {
        min(0.25 * Double(1 << min(attempt, 6)), 8)
    }

    /// Sends `request` until an answer that is not transient, at most `retries + 1` times (once when
    /// `retrying` is false).
    func send<Answer: PlatformAnswer>(
        _ request: URLRequest, on session: URLSession, retrying: Bool = true, as _: Answer.Type = Answer.self
    ) async throws(Failure) -> Answer {
        let method = request.httpMethod ?? "GET"
        let url = request.url?.absoluteString ?? platform
        var attempt = 0
        while true {
            var failure: String
            do {
                let (data, response) = try await session.detachedData(for: request)
                AssistantMetrics.transferred(request.httpBody?.count ?? 0, peer: "platform", direction: "sent")
                AssistantMetrics.transferred(data.count, peer: "platform", direction: "received")
                guard let http = response as? HTTPURLResponse else {
                    throw Failure.notHTTP("\(url) a répondu sans HTTP : donnez l'adresse http(s) de la plateforme.")
                }
                var fields: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String, let value = value as? String { fields[name] = value }
                }
                let answer = Answer(status: http.statusCode, body: data, headers: fields)
                guard Self.transientStatuses.contains(answer.status) else { return answer }
                failure = "HTTP \(answer.status) : \(answer.message)"
            } catch let error as Failure {
                throw error
            } catch let error as URLError where ![.cancelled, .badURL, .unsupportedURL].contains(error.code) {
                failure = error.localizedDescription
            } catch {
                throw .failed("\(method) \(url) a échoué : \(error)")
            }
            guard retrying, attempt < retries, !Task.isCancelled else {
                throw .unreachable(
                    "La plateforme \(platform) est injoignable (\(failure)) après \(attempt + 1) essai(s) : "
                        + "vérifiez l'adresse et le réseau ; \(resume)")
            }
            let delay = Self.delay(afterAttempt: attempt)
            attempt += 1
            do {
                try await Task.sleep(for: .seconds(delay))
            } catch {
                throw .unreachable("Interrompu en attendant de réessayer : \(resume)")
            }
        }
    }
}
