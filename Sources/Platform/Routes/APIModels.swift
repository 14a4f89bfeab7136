import Hummingbird

/// The JSON bodies of the administration API (see docs/openapi.yaml).
enum APIModels {
    struct SignIn: Codable, Sendable {
        let login: String
        let password: String
    }

    struct SessionInfo: Codable, Sendable {
        let agent: AgentView
        let csrfToken: String
    }

    struct AgentView: Codable, Sendable {
        let id: Int64
        let organisationId: Int64
        let civility: String
        let lastName: String
        let firstName: String
        let email: String
        let login: String
        let administrationRights: [String]
        let managementRights: [String]
        /// Roles by service identifier (as a string key, JSON objects having string keys).
        let roles: [String: [String]]

        init(_ agent: Agent, _ authority: AgentAuthority) {
            id = agent.id ?? 0
            organisationId = agent.organisationID
            civility = agent.civility.rawValue
            lastName = agent.lastName
            firstName = agent.firstName
            email = agent.email
            login = agent.login
            administrationRights = authority.administrationRights.map(\.rawValue).sorted()
            managementRights = authority.managementRights.map(\.rawValue).sorted()
            roles = Dictionary(
                uniqueKeysWithValues: authority.roles.map { (String($0.key), $0.value.map(\.rawValue).sorted()) })
        }
    }

    struct NewAgent: Codable, Sendable {
        let civility: Civility
        let lastName: String
        let firstName: String
        let email: String
        let login: String
        let password: String
    }

    struct AgentChange: Codable, Sendable {
        var civility: Civility?
        var lastName: String?
        var firstName: String?
        var email: String?
        var login: String?
    }

    struct Rights: Codable, Sendable {
        let administration: Set<AdministrationRight>
        let management: Set<ManagementRight>
    }

    struct Roles: Codable, Sendable {
        let roles: Set<ProcurementRole>
    }

    struct OrganisationView: Codable, Sendable {
        let id: Int64
        let parentId: Int64?
        let name: String
        let address: String
        let phone: String
        let fax: String
        let type: OrganisationType
        let services: [OrganisationView]

        init(_ tree: OrganisationTree) {
            id = tree.organisation.id ?? 0
            parentId = tree.organisation.parentID
            name = tree.organisation.name
            address = tree.organisation.address
            phone = tree.organisation.phone
            fax = tree.organisation.fax
            type = tree.organisation.type
            services = tree.services.map(OrganisationView.init)
        }
    }

    struct NewService: Codable, Sendable {
        let name: String
        var address: String?
        var phone: String?
        var fax: String?
        let type: OrganisationType
    }

    struct OrganisationChange: Codable, Sendable {
        var name: String?
        var address: String?
        var phone: String?
        var fax: String?
    }

    struct KeyView: Codable, Sendable {
        let id: Int64
        let organisationId: Int64
        let kind: EncryptionKey.Kind
        let name: String
        let commonName: String
        let notAfter: Int64
        let fingerprint: String
        let inherited: Bool
        let certificatePem: String

        init(_ key: EncryptionKey, inherited: Bool) {
            id = key.id ?? 0
            organisationId = key.organisationID
            kind = key.kind
            name = key.name
            commonName = key.subjectCommonName
            notAfter = key.notAfter
            fingerprint = key.fingerprint
            self.inherited = inherited
            certificatePem = key.certificatePEM
        }
    }

    struct KeyListing: Codable, Sendable {
        let keys: [KeyView]
        /// The identifiers of the keys a consultation of this service is sealed for.
        let recipients: [Int64]
    }

    struct NewKey: Codable, Sendable {
        /// The certificate in PEM.
        let certificate: String
        let kind: EncryptionKey.Kind
        var name: String?
    }

    struct KeyChange: Codable, Sendable {
        let name: String
        let kind: EncryptionKey.Kind
    }
}

extension APIModels.SessionInfo: ResponseEncodable {}
extension APIModels.AgentView: ResponseEncodable {}
extension APIModels.OrganisationView: ResponseEncodable {}
extension APIModels.KeyView: ResponseEncodable {}
extension APIModels.KeyListing: ResponseEncodable {}
