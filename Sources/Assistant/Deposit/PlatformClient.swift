import CoreModel
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A company's session on the platform's deposit API: sign-in cookie and CSRF token (or, for a deposit
/// handed over by the company's page, the job's bearer credential), JSON requests, transient failures
/// (network errors, 429, 5xx) retried with exponential backoff, and one new sign-in when the session
/// expires.
actor PlatformClient {
    let base: String
    /// The company account's login; for a deposit job, `job-<id>` (it names the run's state directory).
    let login: String
    private let password: String
    /// A deposit job's credential, sent as `Authorization: Bearer` instead of a session.
    private let credential: String?
    private let retry: PlatformRetry
    private let session: URLSession
    private var cookie: String?
    private var csrfToken: String?

    static let cookieName = "sceau_entreprise"

    init(platform: String, login: String, password: String, retries: Int, connections: Int) {
        self.init(
            platform: platform, login: login, password: password, credential: nil, retries: retries,
            connections: connections)
    }

    /// A client that acts with a deposit job's credential: no sign-in, no cookie.
    init(platform: String, job: String, credential: String, retries: Int, connections: Int) {
        self.init(
            platform: platform, login: "job-\(job)", password: "", credential: credential, retries: retries,
            connections: connections)
    }

    private init(
        platform: String, login: String, password: String, credential: String?, retries: Int, connections: Int
    ) {
        var base = platform
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.login = login
        self.password = password
        self.credential = credential
        retry = PlatformRetry(
            platform: base, retries: retries, resume: "relancez la même commande pour reprendre.")
        session = Self.makeSession(connections: connections)
    }

    /// A cookie-less session with `connections` connections to the platform (at least 2).
    private static func makeSession(connections: Int) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 120
        configuration.httpMaximumConnectionsPerHost = max(2, connections)
        return URLSession(configuration: configuration)
    }

    /// An answer of the platform: status and body.
    struct Answer: PlatformAnswer {
        let status: Int
        let body: Data
        let headers: [String: String]

        /// The platform's message for a refusal (`{"error":{"message":…}}`), or the body as text.
        var message: String {
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                let error = object["error"] as? [String: Any], let message = error["message"] as? String
            {
                return message
            }
            let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? "HTTP \(status)" : text
        }
    }

    /// Signs in with the login and password; throws ``DepositError/authentication(_:)`` when refused.
    func signIn() async throws(DepositError) {
        let body = (try? JSONSerialization.data(withJSONObject: ["login": login, "password": password])) ?? Data()
        let answer = try await send("POST", "/api/entreprise/session", body: body, json: true, authenticated: false)
        guard answer.status == 200 else {
            if answer.status == 401 || answer.status == 403 {
                throw .authentication(
                    "The platform refused the login \(login): check the login (--login or SCEAU_PLATFORM_LOGIN) "
                        + "and the password (SCEAU_PLATFORM_PASSWORD) of the company account.")
            }
            throw .failed("Signing in to \(base) failed (HTTP \(answer.status)): \(answer.message)")
        }
        let setCookie = answer.headers.first { $0.key.lowercased() == "set-cookie" }?.value ?? ""
        guard let range = setCookie.range(of: "\(Self.cookieName)=") else {
            throw .failed("Signing in to \(base) gave no session cookie: is it a Sceau platform?")
        }
        let token = setCookie[range.upperBound...].prefix { $0 != ";" }
        cookie = "\(Self.cookieName)=\(token)"
        csrfToken = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["csrfToken"] as? String
    }

    /// Sends a request with the session (signing in again once if it expired) and the retries.
    func request(
        _ method: String, _ path: String, body: Data? = nil, json: Bool = true, headers: [String: String] = [:]
    ) async throws(DepositError) -> Answer {
        if credential != nil {
            return try await send(method, path, body: body, json: json, headers: headers, authenticated: true)
        }
        if cookie == nil { try await signIn() }
        let answer = try await send(method, path, body: body, json: json, headers: headers, authenticated: true)
        guard answer.status == 401 else { return answer }
        try await signIn()
        return try await send(method, path, body: body, json: json, headers: headers, authenticated: true)
    }

    /// Decodes a JSON answer of `status`; other statuses become refusals with the platform's message.
    nonisolated func decode<T: Decodable>(_ type: T.Type, _ answer: Answer, expecting status: Int = 200)
        throws(DepositError) -> T
    {
        guard answer.status == status else { throw Self.refusal(answer) }
        do {
            return try JSONDecoder().decode(type, from: answer.body)
        } catch {
            throw .failed("The platform's answer could not be read (\(error)): is \(base) a Sceau platform?")
        }
    }

    /// The error for an unexpected answer: 4xx are refusals (the platform's message says why).
    static func refusal(_ answer: Answer) -> DepositError {
        switch answer.status {
        case 401: .authentication("The platform ended the session and refused a new one: sign in again.")
        case 400..<500: .refused("The platform refused (HTTP \(answer.status)): \(answer.message)")
        default: .unavailable("The platform failed (HTTP \(answer.status)): \(answer.message) Run again to resume.")
        }
    }

    private func send(
        _ method: String, _ path: String, body: Data?, json: Bool, headers: [String: String] = [:],
        authenticated: Bool
    ) async throws(DepositError) -> Answer {
        guard let url = URL(string: base + path) else {
            throw .input("\(base + path) is not a URL: give --platform as http(s)://host[:port].")
        }
        var request = PlatformRetry.request(
            method, url, body: body, contentType: json ? "application/json" : "application/octet-stream",
            accept: "application/json")
        if authenticated, let credential {
            request.setValue("Bearer \(credential)", forHTTPHeaderField: "Authorization")
        } else if authenticated, let cookie {
            request.setValue(cookie, forHTTPHeaderField: "Cookie")
            if method != "GET", let csrfToken { request.setValue(csrfToken, forHTTPHeaderField: "X-CSRF-Token") }
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            return try await retry.send(request, on: session)
        } catch {
            switch error {
            case .notHTTP(let message), .failed(let message): throw .failed(message)
            case .unreachable(let message): throw .unavailable(message)
            }
        }
    }
}
