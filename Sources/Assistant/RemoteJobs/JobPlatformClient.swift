import CoreModel
import CorePlatformAPI
import CoreSeal
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The job routes of one remote job on its platform (`PlatformAPI.RemoteJobRoute`), authorised by
/// `Authorization: Bearer` (the one-time job token for the claim, the credential after): no cookie, no
/// CSRF token. Transient failures (network errors, 429, 5xx) are retried with exponential backoff;
/// 401, 403 and 404 fail the job with the platform's message.
struct JobPlatformClient: Sendable {
    let base: String
    let job: String
    let credential: String
    private let retries: Int
    private let retry: PlatformRetry
    private let session: URLSession

    init(platform: String, job: String, credential: String = "", retries: Int = 6) {
        var base = platform
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.job = job
        self.credential = credential
        self.retries = retries
        retry = PlatformRetry(platform: base, retries: retries, resume: "le traitement reprendra où il s'est arrêté.")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 120
        configuration.httpMaximumConnectionsPerHost = 8
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// The same client with the job's credential.
    func with(credential: String) -> JobPlatformClient {
        JobPlatformClient(platform: base, job: job, credential: credential, retries: retries)
    }

    struct Answer: PlatformAnswer {
        let status: Int
        let body: Data

        init(status: Int, body: Data, headers: [String: String] = [:]) {
            self.status = status
            self.body = body
        }

        /// The platform's message for a refusal (`{"error":{"message":…}}`), or the body as text.
        var message: String {
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                let error = object["error"] as? [String: Any], let message = error["message"] as? String
            {
                return message
            }
            let text = String(decoding: body.prefix(500), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? "HTTP \(status)" : text
        }
    }

    /// Trades the one-time job token for the job's credential.
    func claim(jobToken: String) async throws(RemoteJobError) -> PlatformAPI.RemoteJobCredential {
        let answer = try await send("POST", PlatformAPI.RemoteJobRoute.claim(job), bearer: jobToken)
        guard answer.status == 200 || answer.status == 201 else {
            if answer.status == 401 || answer.status == 403 {
                throw .refused(
                    "La plateforme a refusé le jeton du traitement (\(answer.message)) : il a déjà servi, a expiré "
                        + "ou appartient à un autre traitement. Relancez le traitement depuis la page de la plateforme."
                )
            }
            throw refusal(answer, doing: "l'obtention du droit d'accès")
        }
        return try decode(PlatformAPI.RemoteJobCredential.self, answer)
    }

    /// The bytes `range` of a sealed file (HTTP range request).
    func chunk(file: Int64, range: Range<Int64>) async throws(RemoteJobError) -> Data {
        let answer = try await send(
            "GET", PlatformAPI.RemoteJobRoute.file(job, file), bearer: credential,
            headers: ["Range": "bytes=\(range.lowerBound)-\(range.upperBound - 1)"], accept: "*/*")
        guard answer.status == 206 || answer.status == 200 else {
            throw refusal(answer, doing: "le téléchargement d'un fichier")
        }
        // A server ignoring the range sends the whole file: keep the slice asked for.
        if answer.status == 200, answer.body.count > range.count, answer.body.count >= Int(range.upperBound) {
            return answer.body.subdata(in: Int(range.lowerBound)..<Int(range.upperBound))
        }
        return answer.body
    }

    /// Reports progress: one try, failures ignored (the next report says it again).
    func report(_ progress: PlatformAPI.RemoteJobProgress) async {
        guard let body = try? JSONEncoder().encode(progress) else { return }
        _ = try? await send(
            "POST", PlatformAPI.RemoteJobRoute.progress(job), bearer: credential, body: body, retrying: false)
    }

    /// Releases the content-encryption key of a sealed file of an online opening: the platform decrypts
    /// the file it stores with it and answers once the plaintext is stored (a few seconds per gigabyte, hence
    /// the long timeout). The key travels in this request's body only, never in a URL or a message.
    func release(_ key: ContentEncryptionKey, file: Int64) async throws(RemoteJobError) -> PlatformAPI.DecryptedFile {
        let body = (try? JSONEncoder().encode(PlatformAPI.ContentKeyRelease(contentEncryptionKey: key.base64)))
        let answer = try await send(
            "POST", PlatformAPI.RemoteJobRoute.key(job, file), bearer: credential, body: body ?? Data(),
            timeout: Self.openingTimeout)
        guard answer.status == 200 else {
            throw refusal(answer, doing: "l'ouverture d'un fichier avec sa clé")
        }
        return try decode(PlatformAPI.DecryptedFile.self, answer)
    }

    /// How long the platform may take to decrypt one file: 4 GiB at 10 MiB/s.
    static let openingTimeout: TimeInterval = 410

    private func decode<T: Decodable>(_ type: T.Type, _ answer: Answer) throws(RemoteJobError) -> T {
        do {
            return try JSONDecoder().decode(type, from: answer.body)
        } catch {
            throw .failed("La réponse de \(base) est illisible (\(error)) : est-ce une plateforme Sceau ?")
        }
    }

    /// The error of an unexpected answer.
    private func refusal(_ answer: Answer, doing what: String) -> RemoteJobError {
        switch answer.status {
        case 401, 403:
            .failed(
                "La plateforme a refusé \(what) (HTTP \(answer.status) : \(answer.message)) : le droit d'accès du "
                    + "traitement a expiré ou a été retiré. Relancez le traitement depuis la page de la plateforme.")
        case 404:
            .failed(
                "La plateforme ne connaît plus ce traitement ou ce fichier (HTTP 404 : \(answer.message)) pendant "
                    + "\(what). Relancez le traitement depuis la page de la plateforme.")
        case 400..<500:
            .failed("La plateforme a refusé \(what) (HTTP \(answer.status)) : \(answer.message)")
        default:
            .unreachable("La plateforme a échoué pendant \(what) (HTTP \(answer.status)) : \(answer.message)")
        }
    }

    private func send(
        _ method: String, _ path: String, bearer: String, body: Data? = nil, contentType: String = "application/json",
        headers: [String: String] = [:], accept: String = "application/json", retrying: Bool = true,
        timeout: TimeInterval? = nil
    ) async throws(RemoteJobError) -> Answer {
        guard let url = URL(string: base + path) else {
            throw .invalid("\(base + path) n'est pas une adresse valide.")
        }
        var request = PlatformRetry.request(method, url, body: body, contentType: contentType, accept: accept)
        request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        // A best-effort report must not hold the download up for long.
        if !retrying { request.timeoutInterval = 10 }
        if let timeout { request.timeoutInterval = timeout }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            return try await retry.send(request, on: session, retrying: retrying)
        } catch {
            switch error {
            case .notHTTP(let message): throw .failed(message)
            case .failed(let message), .unreachable(let message): throw .unreachable(message)
            }
        }
    }
}
