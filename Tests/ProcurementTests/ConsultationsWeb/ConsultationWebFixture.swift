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

/// An entity with a key, one service of a chosen type and agents holding roles in it, all made through the API.
struct ConsultationWebFixture {
    let entityID: Int64
    let serviceID: Int64
    let admin: AgentClient
    /// Signed-in agents by login.
    let agents: [String: AgentClient]

    subscript(login: String) -> AgentClient {
        get throws { try #require(agents[login], "no agent \(login)") }
    }

    /// Creates entity `name` (administrator `admin-<prefix>`), its personal key, a service of `serviceType`,
    /// and one agent per entry of `roles` holding those roles in the service; then signs them all in.
    static func make(
        _ harness: PlatformHarness, _ client: any TestClientProtocol, name: String = "Ville A", prefix: String = "a",
        serviceType: OrganisationType = .large, roles: [String: Set<ProcurementRole>]
    ) async throws -> ConsultationWebFixture {
        let entity = try await harness.entity(name, login: "admin-\(prefix)")
        let admin = try await AgentClient.signIn(client, login: "admin-\(prefix)")
        _ = try await admin.decode(
            APIModels.KeyView.self, .post, "/api/organisations/\(entity)/keys",
            json: APIModels.NewKey(
                certificate: try EncryptionCertificate.make(commonName: "\(name) chiffrement"), kind: .personal),
            status: .created)
        let service = try await admin.decode(
            APIModels.OrganisationView.self, .post, "/api/organisations/\(entity)/services",
            json: APIModels.NewService(name: "Achats \(name)", type: serviceType), status: .created)
        var agents: [String: AgentClient] = [:]
        for (login, held) in roles.sorted(by: { $0.key < $1.key }) {
            let agent = try await admin.decode(
                APIModels.AgentView.self, .post, "/api/organisations/\(service.id)/agents",
                json: APIModels.NewAgent(
                    civility: .madame, lastName: "Martin", firstName: login, email: "\(login)@example.invalid",
                    login: login, password: PlatformHarness.password), status: .created)
            if !held.isEmpty {
                let response = try await admin.send(
                    .put, "/api/agents/\(agent.id)/roles/\(service.id)", json: APIModels.Roles(roles: held))
                try #require(response.status == .noContent, "roles of \(login): \(String(buffer: response.body))")
            }
            agents[login] = try await AgentClient.signIn(client, login: login)
        }
        return ConsultationWebFixture(entityID: entity, serviceID: service.id, admin: admin, agents: agents)
    }

    /// A standard consultation of the service, online now, with its deadline `seconds` from now.
    func input(reference: String, deadlineIn seconds: Int64 = 86_400) -> APIModels.ConsultationInput {
        let now = Timestamp.now()
        return APIModels.ConsultationInput(
            mode: .standard, organisationId: serviceID, reference: reference, contractType: .publicContract,
            procedureType: .openTender, category: .works, title: "Réfection de la toiture de l'école",
            object: "Travaux de couverture", internalComment: "Budget 2026", placeOfExecution: "Lyon",
            cpv: "45261210", deadline: now + seconds, onlineFrom: now, accessCode: nil, modalities: nil, lots: nil)
    }
}

extension AgentClient {
    /// Posts an URL-encoded form with the session cookie; `_csrf` is added unless `csrf` is false.
    func postForm(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        var all = fields
        if csrf { all.append(("_csrf", csrfToken)) }
        let allowed = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let body = all.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await client.executeRequest(
            uri: uri, method: .post,
            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    /// A page's HTML, requiring 200.
    func page(_ uri: String) async throws -> String {
        let response = try await send(.get, uri)
        try #require(response.status == .ok, "GET \(uri): \(response.status)")
        return String(buffer: response.body)
    }
}

/// Waits until the platform's clock has reached `second`.
func waitUntil(_ second: Int64) async throws {
    while Timestamp.now() < second { try await Task.sleep(for: .milliseconds(100)) }
}

/// The step a consultation's page shows in its state badge (`id="etat"`), as the browser walks read it.
func stepShown(_ html: String) -> String? {
    guard let start = html.range(of: "id=\"etat\""),
        let open = html[start.upperBound...].firstIndex(of: ">"),
        let close = html[open...].firstIndex(of: "<")
    else { return nil }
    return String(html[html.index(after: open)..<close])
}
