import Crypto
import Foundation
import PlatformKernel
import Procurement
import Requests
import SQLKit
import X509

/// The demonstration data of `make run`: one public entity, a small tree of services, and its
/// administrator `admin` (password ``administratorPassword``) holding every right and every role of the city (PRM
/// included, so they may give any role below); the consultation
/// ``consultationReference`` online for a year, sealed for a personal and a backup key whose private keys
/// are written beside the SQLite database (PostgreSQL: in the temporary directory's `sceau-demo/`) in
/// `demo-keys/` (PEM); the company account ``companyLogin``
/// (same password) to deposit with; and the citizens' requests of `DemoData+Requests.swift`.
package enum DemoData {
    package static let entityName = "Ville de Démonstration"
    package static let administratorLogin = "admin"
    package static let administratorPassword = "sceau-demo"
    package static let consultationReference = "DEMO_2026_001"
    package static let companyLogin = "entreprise-demo"

    /// Loads the demo data unless the entity already exists; returns whether it was created.
    package static func load(into database: Database, hasher: PasswordHasher = PasswordHasher()) async throws -> Bool {
        let hash = try await hasher.hash(administratorPassword)
        let keyDirectory: URL =
            switch database.location {
            case .sqlite(let path): URL(fileURLWithPath: (path as NSString).deletingLastPathComponent)
            case .postgres: FileManager.default.temporaryDirectory.appendingPathComponent("sceau-demo")
            }
        return try await database.transaction { sql in
            let organisations = OrganisationRepository(sql: sql)
            if try await organisations.entity(named: entityName) != nil {
                // A demo made before the requests' data gains it.
                guard let administrator = try await AgentRepository(sql: sql).credentials(login: administratorLogin)
                else { return false }
                return try await RequestsDemoData.load(
                    administratorID: administrator.agent.id ?? 0, passwordHash: hash, sql: sql)
            }
            let city = try await organisations.create(
                Organisation(
                    name: entityName, address: "1 place de la Mairie, 75000 Paris", phone: "01 23 45 67 89",
                    type: .large))
            let purchasing = try await organisations.create(
                Organisation(parentID: city.id, name: "Direction de la commande publique", type: .large))
            _ = try await organisations.create(
                Organisation(parentID: purchasing.id, name: "Service des travaux", type: .medium))
            _ = try await organisations.create(
                Organisation(parentID: city.id, name: "Centre communal d'action sociale", type: .small))
            let agents = AgentRepository(sql: sql)
            let administrator = try await agents.create(
                Agent(
                    organisationID: city.id ?? 0, civility: .madame, lastName: "Martin", firstName: "Claire",
                    email: "admin@ville-demo.invalid", login: administratorLogin),
                passwordHash: hash)
            try await agents.setRights(
                of: administrator.id ?? 0, administration: Set(AdministrationRight.allCases),
                management: Set(ManagementRight.allCases))
            try await onlineConsultation(
                in: city.id ?? 0, by: administrator.id ?? 0, keys: keyDirectory.appendingPathComponent("demo-keys"),
                sql: sql)
            // With the city's keys in place, the administrator also holds every role of the city (PRM included):
            // every right on its consultations, and the roles to give below (« grant only what you hold »).
            try await agents.setRoles(
                of: administrator.id ?? 0, in: city.id ?? 0, to: Set(ProcurementRole.available(in: city.type)))
            _ = try await RequestsDemoData.load(administratorID: administrator.id ?? 0, passwordHash: hash, sql: sql)
            _ = try await CompanyRepository(sql: sql).register(
                Company(name: "Entreprise de Démonstration", siret: try SIRET("44306184100047"), address: "Paris"),
                bidder: Bidder(
                    companyID: 0, civility: .monsieur, lastName: "Durand", firstName: "Paul",
                    email: "entreprise@demo.invalid", login: companyLogin),
                passwordHash: hash)
            return true
        }
    }

    /// The consultation online until a year from now, with candidature and offre envelopes, and the entity's
    /// personal and backup keys (P-256, key agreement), private keys written to `keys`.
    private static func onlineConsultation(in city: Int64, by agent: Int64, keys: URL, sql: any SQLDatabase)
        async throws
    {
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let now = Timestamp.now()
        for (file, kind) in [("personnelle", EncryptionKey.Kind.personal), ("secours", .backup)] {
            let key = P256.Signing.PrivateKey()
            let name = try DistinguishedName { CommonName("Ville de Démonstration — clé \(file)") }
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
                notValidBefore: Date().addingTimeInterval(-86_400),
                notValidAfter: Date().addingTimeInterval(86_400 * 800),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions { KeyUsage(keyAgreement: true) }, issuerPrivateKey: .init(key))
            let pem = try certificate.serializeAsPEM().pemString
            try Data(pem.utf8).write(to: keys.appendingPathComponent("\(file).pem"))
            try Data(key.pemRepresentation.utf8).write(to: keys.appendingPathComponent("\(file).key"))
            _ = try await EncryptionKeyRepository(sql: sql).add(
                try EncryptionKey.parse(
                    certificate: Array(pem.utf8), organisationID: city, kind: kind, name: "", now: now))
        }
        var consultation = Consultation(
            reference: try ConsultationReference(consultationReference), organisationID: city, createdBy: agent,
            contractType: .publicContract, procedureType: .openTender, category: .works,
            title: "Réfection de la toiture de la mairie", object: "Couverture et étanchéité",
            placeOfExecution: "Paris", cpv: try CPVCode("45210000-2"), deadline: now + 365 * 86_400,
            onlineFrom: now - 60)
        consultation.modalities.envelopes = [.application, .offer]
        let saved = try await ConsultationRepository(sql: sql).create(consultation, at: now - 120)
        try await sql.update("consultations").set("state", to: ConsultationState.consultation.rawValue)
            .where("id", .equal, saved.id ?? 0).run()
    }
}
