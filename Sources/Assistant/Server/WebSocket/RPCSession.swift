import CoreModel
import CorePlatformAPI
import CoreProtocol
import CoreTokens
import Foundation
import X509

/// One page's WebSocket session: it must say `hello` first, then calls methods one message at a time.
///
/// Every failure becomes a JSON-RPC error for that request; nothing a page sends can stop the daemon.
struct RPCSession {
    /// The paired origin of the page.
    let origin: String
    /// Returned by `hello`; the jobs this session starts are bound to it: only it cancels them from a page.
    let secret: String
    private var greeted = false
    /// The page asked for events (card insertion and removal, job progress).
    private(set) var subscribed = false

    /// Asks the user for PINs, showing which origin asks for what.
    let pins: any PINSource
    /// The assistant's jobs; this session sees those of its origin only.
    let jobs: JobRegistry
    /// The platform's remote jobs (`jobs.start`).
    let remoteJobs: RemoteJobService?
    /// Where received files go, what verification trusts, how large a file may be.
    let settings: SessionSettings

    init(
        origin: String, pins: any PINSource, jobs: JobRegistry, remoteJobs: RemoteJobService? = nil,
        settings: SessionSettings
    ) {
        self.origin = origin
        self.pins = pins
        self.jobs = jobs
        self.remoteJobs = remoteJobs
        self.settings = settings
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        secret = Data(bytes).base64EncodedString()
    }

    /// The answer to one text message; `nil` for a notification. Methods that take files read their
    /// binary frames from `frames` and send results back through it.
    mutating func handle(_ text: String, frames: WebSocketFrames? = nil) async -> JSONRPC.Response? {
        let request: JSONRPC.Request
        do {
            request = try JSONDecoder().decode(JSONRPC.Request.self, from: Data(text.utf8))
        } catch is DecodingError {
            if (try? JSONSerialization.jsonObject(with: Data(text.utf8))) == nil {
                return JSONRPC.Response(id: nil, error: .parseError("the message is not JSON"))
            }
            return JSONRPC.Response(id: nil, error: .invalidRequest("expected jsonrpc, method, and an optional id"))
        } catch {
            return JSONRPC.Response(id: nil, error: .parseError(String(describing: error)))
        }
        guard request.jsonrpc == JSONRPC.version else {
            return JSONRPC.Response(id: request.id, error: .invalidRequest("jsonrpc must be \"2.0\""))
        }
        let result: Result<JSONValue, JSONRPC.ErrorObject> = await call(request, frames: frames)
        guard let id = request.id else { return nil }
        switch result {
        case .success(let value): return JSONRPC.Response(id: id, result: value)
        case .failure(let error): return JSONRPC.Response(id: id, error: error)
        }
    }

    private mutating func call(_ request: JSONRPC.Request, frames: WebSocketFrames?) async -> Result<
        JSONValue, JSONRPC.ErrorObject
    > {
        if request.method == BenchmarkMethod.progress, settings.benchmark {
            guard greeted else {
                return .failure(.init(code: AssistantErrorCode.helloRequired, message: "Call hello first."))
            }
            return await benchmarkProgress(request.params)
        }
        guard let method = AssistantMethod(rawValue: request.method) else {
            return .failure(.methodNotFound(request.method))
        }
        if method != .hello, !greeted {
            return .failure(.init(code: AssistantErrorCode.helloRequired, message: "Call hello first."))
        }
        do {
            switch method {
            case .hello:
                let params = try request.params.map { try $0.decode(HelloParams.self) }
                greeted = true
                let update = params?.latestVersion.map { VersionOrder.isOlder(SceauVersion.current, than: $0) }
                return .success(
                    try JSONValue(
                        encoding: HelloResult(
                            assistantVersion: SceauVersion.current, protocolVersion: AssistantProtocol.version,
                            capabilities: AssistantMethod.allCases.map(\.rawValue), sessionSecret: secret,
                            updateAvailable: update)))
            case .configTest:
                let params = try request.params.map { try $0.decode(ConfigTestParams.self) }
                let report = await ConfigurationTest.run(browser: params?.browser, platform: URL(string: origin))
                return .success(try JSONValue(encoding: report))
            case .eventsSubscribe:
                subscribed = true
                return .success(.object(["subscribed": .bool(true)]))
            case .keysGenerate:
                guard let params = try request.params?.decode(KeysGenerateParams.self) else {
                    return .failure(.invalidParams("token and name are required"))
                }
                return .success(try JSONValue(encoding: try await generateKey(params)))
            case .certificatesList:
                let found = try await offCooperativePool {
                    CertificateCatalog.readTokenCertificates(try P11Library.registered())
                }
                return .success(try JSONValue(encoding: await CertificateCatalog().evaluate(found)))
            case .jobsList:
                return .success(try JSONValue(encoding: await jobs.list(origin: origin)))
            case .jobsCancel:
                guard let params = try request.params?.decode(JobsCancelParams.self) else {
                    return .failure(.invalidParams("id is required"))
                }
                // The session's own jobs without more ado; another session's with its secret only.
                guard await jobs.cancel(id: params.id, origin: origin, session: params.sessionSecret ?? secret) else {
                    return .failure(
                        .init(code: AssistantErrorCode.unknownJob, message: "No job \(params.id) of yours."))
                }
                return .success(.object(["cancelling": .bool(true)]))
            case .sign:
                guard let params = try request.params?.decode(SignParams.self) else {
                    return .failure(.invalidParams("format, token, key, fileName and size are required"))
                }
                guard let frames else { return .failure(.invalidRequest("sign needs a WebSocket session")) }
                return .success(try JSONValue(encoding: try await sign(params, frames: frames)))
            case .verify:
                guard let params = try request.params?.decode(VerifyParams.self) else {
                    return .failure(.invalidParams("fileName and size are required"))
                }
                guard let frames else { return .failure(.invalidRequest("verify needs a WebSocket session")) }
                return .success(try await verify(params, frames: frames))
            case .jobsStart:
                guard let params = try request.params?.decode(JobsStartParams.self) else {
                    return .failure(.invalidParams("descriptor, signature and jobToken are required"))
                }
                if PlatformAPI.DescriptorSignature.kind(ofDescriptor: params.descriptor)
                    == PlatformAPI.DepositJobDescriptor.kind
                {
                    guard let frames else { return .failure(.invalidRequest("a deposit needs a WebSocket session")) }
                    return .success(try JSONValue(encoding: try await startDeposit(params, frames: frames)))
                }
                return .success(try JSONValue(encoding: try await startRemoteJob(params)))
            }
        } catch let error as JSONRPC.ErrorObject {
            return .failure(error)
        } catch let error as PINError where error == .cancelled {
            return .failure(.init(code: AssistantErrorCode.cancelledByUser, message: error.description))
        } catch let error as DecodingError {
            return .failure(.invalidParams(String(describing: error)))
        } catch {
            return .failure(.init(code: AssistantErrorCode.keyStore, message: String(describing: error)))
        }
    }
}

extension RPCSession {
    /// Generates a bi-key on the token the page names, after the user typed the PIN in pinentry.
    private func generateKey(_ params: KeysGenerateParams) async throws -> KeysGenerateResult {
        guard let algorithm = BiKeyAlgorithm(rawValue: params.algorithm ?? BiKeyAlgorithm.rsa3072.rawValue) else {
            throw JSONRPC.ErrorObject.invalidParams("algorithm must be rsa-3072, rsa-2048 or ec-p256")
        }
        let request = BiKeyRequest(commonName: params.name, validityDays: params.days ?? 730, algorithm: algorithm)
        let (session, token) = try await offCooperativePool {
            let slot = try P11Library.registered().slot(tokenLabel: params.token)
            return (try slot.openSession(readWrite: true), try slot.token())
        }
        try await KeyOpener.logIn(
            session, token: token, pins: pins,
            purpose: "\(origin) veut créer le bi-clé de chiffrement « \(params.name) »")
        let certificate = try await BiKeyGenerator.onToken(request, session: session, label: params.name)
        return KeysGenerateResult(
            certificatePEM: try certificate.serializeAsPEM().pemString, subject: certificate.subject.description,
            notAfter: certificate.notValidAfter)
    }
}

extension JSONValue {
    /// The JSON form of an encodable value, as `JSONEncoder` with ISO 8601 dates writes it.
    init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }

    /// Decodes this JSON into a method's parameter type.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: JSONEncoder().encode(self))
    }
}
