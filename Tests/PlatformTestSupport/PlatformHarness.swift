import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A platform on a fresh database of one backend, driven through its router as a browser or script would.
package struct PlatformHarness {
    package let location: DatabaseLocation
    /// The platform's data directory (stored files and uploads).
    package let dataDirectory: String

    package init(location: DatabaseLocation, dataDirectory: String) {
        self.location = location
        self.dataDirectory = dataDirectory
    }
    /// bcrypt at its lowest cost: the tests check the rules, not the hash's strength.
    package static let hasher = PasswordHasher(cost: 4)

    /// Runs `body` with a migrated, empty platform and a client of its router (`testing: .live`: over HTTP on
    /// loopback, where requests have a peer address).
    package static func run(
        _ backend: StorageBackend, timestampURL: URL? = nil, testing: TestingSetup = .router,
        configure: @Sendable (inout PlatformConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (PlatformHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await backend.withFreshLocation { location in
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-platform-\(UUID())")
            defer { try? FileManager.default.removeItem(at: data) }
            var configuration = PlatformConfiguration(port: 0, database: location)
            configuration.passwordCost = 4
            configuration.dataDirectory = data.path
            configuration.timestampURL = timestampURL
            configure(&configuration)
            let app = try await buildApplication(configuration)
            let harness = PlatformHarness(location: location, dataDirectory: data.path)
            try await app.test(testing) { client in try await body(harness, client) }
        }
    }

    /// Opens the database beside the running application (both backends allow several connections).
    package func withDatabase<R: Sendable>(_ body: (Database) async throws -> R) async throws -> R {
        try await Database.using(location, logger: .init(label: "test")) { try await body($0) }
    }

    /// A new top-level entity with an administrator holding every right; returns the entity's id.
    package func entity(_ name: String, type: OrganisationType = .large, login: String) async throws -> Int64 {
        try await withDatabase { database in
            let (entity, _) = try await EntityBootstrap(database: database, hasher: Self.hasher).create(
                entity: Organisation(name: name, type: type),
                administrator: Agent(
                    organisationID: 0, civility: .madame, lastName: "Admin", firstName: name,
                    email: "\(login)@example.invalid", login: login),
                password: Self.password)
            return try #require(entity.id)
        }
    }

    /// How many files the data directory holds (stored blobs and uploads in progress).
    package func storedFileCount() -> Int {
        let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: dataDirectory), includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }.count
    }

    package static let password = "correct horse battery"
}

/// A signed-in client: sends the session cookie and the CSRF token with every request.
package struct AgentClient: Sendable {
    package let client: any TestClientProtocol
    package let cookie: String
    package let csrfToken: String
    package let agentID: Int64
    /// A job's credential sent as `Authorization: Bearer` (the assistant's way), with no session cookie.
    package var bearer: String? = nil

    package init(
        client: any TestClientProtocol, cookie: String, csrfToken: String, agentID: Int64, bearer: String? = nil
    ) {
        self.client = client
        self.cookie = cookie
        self.csrfToken = csrfToken
        self.agentID = agentID
        self.bearer = bearer
    }

    /// Signs in through `POST /api/session`, or `POST /api/entreprise/session` for a company's bidder.
    package static func signIn(
        _ client: any TestClientProtocol, login: String, password: String = PlatformHarness.password,
        bidder: Bool = false
    ) async throws -> AgentClient {
        let response = try await client.executeRequest(
            uri: bidder ? "/api/entreprise/session" : "/api/session", method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"login":"\#(login)","password":"\#(password)"}"#))
        try #require(response.status == .ok, "sign-in of \(login): \(String(buffer: response.body))")
        let setCookie = try #require(response.headers[.setCookie])
        let cookie = String(try #require(setCookie.split(separator: ";").first))
        if bidder {
            let info = try JSONDecoder().decode(CompanyController.CompanyView.self, from: Data(buffer: response.body))
            return AgentClient(client: client, cookie: cookie, csrfToken: info.csrfToken ?? "", agentID: info.bidderId)
        }
        let info = try JSONDecoder().decode(APIModels.SessionInfo.self, from: Data(buffer: response.body))
        return AgentClient(client: client, cookie: cookie, csrfToken: info.csrfToken, agentID: info.agent.id)
    }

    /// Sends a request with the session; `json` is encoded as the body.
    @discardableResult
    package func send(
        _ method: HTTPRequest.Method, _ uri: String, json: (any Encodable)? = nil, bytes: [UInt8]? = nil,
        headers extra: HTTPFields = [:], csrf: Bool = true
    ) async throws -> TestResponse {
        var headers: HTTPFields = bearer == nil ? [.cookie: cookie] : [.authorization: "Bearer \(bearer ?? "")"]
        headers.append(contentsOf: extra)
        if csrf { headers[SessionMiddleware.csrfHeader] = csrfToken }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        } else if let bytes {
            headers[.contentType] = "application/octet-stream"
            body = ByteBuffer(bytes: bytes)
        }
        return try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }

    /// Sends a request and decodes its JSON answer, requiring `status`.
    package func decode<T: Decodable>(
        _ type: T.Type, _ method: HTTPRequest.Method, _ uri: String, json: (any Encodable)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> T {
        let response = try await send(method, uri, json: json)
        try #require(response.status == status, "\(method) \(uri): \(String(buffer: response.body))")
        return try JSONDecoder().decode(T.self, from: Data(buffer: response.body))
    }
}
