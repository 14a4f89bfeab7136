import Hummingbird

/// The JSON bodies of the administration API (see docs/openapi.yaml).
package enum APIModels {
    package struct SignIn: Codable, Sendable {
        package let login: String
        package let password: String

        package init(login: String, password: String) {
            self.login = login
            self.password = password
        }
    }

    package struct SessionInfo: Codable, Sendable {
        package let agent: AgentView
        package let csrfToken: String

        package init(agent: AgentView, csrfToken: String) {
            self.agent = agent
            self.csrfToken = csrfToken
        }
    }

    package struct AgentView: Codable, Sendable {
        package let id: Int64
        package let organisationId: Int64
        package let civility: String
        package let lastName: String
        package let firstName: String
        package let email: String
        package let login: String
        package let administrationRights: [String]
        package let managementRights: [String]
        /// Roles by service identifier (as a string key, JSON objects having string keys).
        package let roles: [String: [String]]

        package init(_ agent: Agent, _ authority: AgentAuthority) {
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

    package struct NewAgent: Codable, Sendable {
        package let civility: Civility
        package let lastName: String
        package let firstName: String
        package let email: String
        package let login: String
        package let password: String

        package init(
            civility: Civility, lastName: String, firstName: String, email: String, login: String, password: String
        ) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.email = email
            self.login = login
            self.password = password
        }
    }

    package struct AgentChange: Codable, Sendable {
        package var civility: Civility?
        package var lastName: String?
        package var firstName: String?
        package var email: String?
        package var login: String?

        package init(
            civility: Civility? = nil, lastName: String? = nil, firstName: String? = nil, email: String? = nil,
            login: String? = nil
        ) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.email = email
            self.login = login
        }
    }

    package struct Rights: Codable, Sendable {
        package let administration: Set<AdministrationRight>
        package let management: Set<ManagementRight>

        package init(administration: Set<AdministrationRight>, management: Set<ManagementRight>) {
            self.administration = administration
            self.management = management
        }
    }

    package struct Roles: Codable, Sendable {
        package let roles: Set<ProcurementRole>

        package init(roles: Set<ProcurementRole>) {
            self.roles = roles
        }
    }

    package struct OrganisationView: Codable, Sendable {
        package let id: Int64
        package let parentId: Int64?
        package let name: String
        package let address: String
        package let phone: String
        package let fax: String
        package let type: OrganisationType
        package let services: [OrganisationView]

        package init(_ tree: OrganisationTree) {
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

    package struct NewService: Codable, Sendable {
        package let name: String
        package var address: String?
        package var phone: String?
        package var fax: String?
        package let type: OrganisationType

        package init(
            name: String, address: String? = nil, phone: String? = nil, fax: String? = nil, type: OrganisationType
        ) {
            self.name = name
            self.address = address
            self.phone = phone
            self.fax = fax
            self.type = type
        }
    }

    package struct OrganisationChange: Codable, Sendable {
        package var name: String?
        package var address: String?
        package var phone: String?
        package var fax: String?

        package init(name: String? = nil, address: String? = nil, phone: String? = nil, fax: String? = nil) {
            self.name = name
            self.address = address
            self.phone = phone
            self.fax = fax
        }
    }

    package struct KeyView: Codable, Sendable {
        package let id: Int64
        package let organisationId: Int64
        package let kind: EncryptionKey.Kind
        package let name: String
        package let commonName: String
        package let notAfter: Int64
        package let fingerprint: String
        package let inherited: Bool
        package let certificatePem: String

        package init(_ key: EncryptionKey, inherited: Bool) {
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

    package struct KeyListing: Codable, Sendable {
        package let keys: [KeyView]
        /// The identifiers of the keys a consultation of this service is sealed for.
        package let recipients: [Int64]

        package init(keys: [KeyView], recipients: [Int64]) {
            self.keys = keys
            self.recipients = recipients
        }
    }

    package struct NewKey: Codable, Sendable {
        /// The certificate in PEM.
        package let certificate: String
        package let kind: EncryptionKey.Kind
        package var name: String?

        package init(certificate: String, kind: EncryptionKey.Kind, name: String? = nil) {
            self.certificate = certificate
            self.kind = kind
            self.name = name
        }
    }

    package struct KeyChange: Codable, Sendable {
        package let name: String
        package let kind: EncryptionKey.Kind

        package init(name: String, kind: EncryptionKey.Kind) {
            self.name = name
            self.kind = kind
        }
    }
}

extension APIModels.SessionInfo: ResponseEncodable {}
extension APIModels.AgentView: ResponseEncodable {}
extension APIModels.OrganisationView: ResponseEncodable {}
extension APIModels.KeyView: ResponseEncodable {}
extension APIModels.KeyListing: ResponseEncodable {}
