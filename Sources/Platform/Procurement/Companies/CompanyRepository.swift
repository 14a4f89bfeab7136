import Foundation
import PlatformKernel
import SQLKit

/// Reads and writes companies and their bidders.
package struct CompanyRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct CompanyRow: Codable {
        package let id: Int64
        package let name: String
        package let siret: String
        package let address: String
    }

    private struct BidderRow: Codable {
        package let id: Int64
        package let companyId: Int64
        package let civility: String
        package let lastName: String
        package let firstName: String
        package let email: String
        package let login: String
    }

    /// Registers a company with its first bidder; a SIRET is registered once.
    package func register(_ company: Company, bidder: Bidder, passwordHash: String) async throws -> (Company, Bidder) {
        try company.validate()
        var bidder = bidder
        try bidder.validate()
        if try await sql.select().column("id").from("companies").where("siret", .equal, company.siret.value).first()
            != nil
        {
            throw DomainError.conflict(
                reason: "Une entreprise est déjà inscrite avec ce SIRET : demandez un compte à son administrateur.")
        }
        let id = try await sql.insert(into: "companies").columns("name", "siret", "address", "created_at")
            .values(
                SQLBind(company.name.trimmingCharacters(in: .whitespaces)), SQLBind(company.siret.value),
                SQLBind(company.address), SQLBind(Timestamp.now())
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = company
        saved.id = id
        bidder.companyID = id ?? 0
        return (saved, try await add(bidder, passwordHash: passwordHash))
    }

    /// Adds a bidder to an existing company; e-mail and login are unique among bidders.
    package func add(_ bidder: Bidder, passwordHash: String) async throws -> Bidder {
        var bidder = bidder
        try bidder.validate()
        let clash = try await sql.select().column("id").from("bidders")
            .where { $0.where("email", .equal, bidder.email).orWhere("login", .equal, bidder.login) }.first()
        if clash != nil {
            throw DomainError.conflict(reason: "Cet e-mail ou cet identifiant est déjà utilisé par un autre compte.")
        }
        let id = try await sql.insert(into: "bidders")
            .columns(
                "company_id", "civility", "last_name", "first_name", "email", "login", "password_hash", "created_at"
            )
            .values(
                SQLBind(bidder.companyID), SQLBind(bidder.civility.rawValue), SQLBind(bidder.lastName),
                SQLBind(bidder.firstName), SQLBind(bidder.email), SQLBind(bidder.login), SQLBind(passwordHash),
                SQLBind(Timestamp.now())
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        bidder.id = id
        return bidder
    }

    package func company(_ id: Int64) async throws -> Company? {
        guard
            let row = try await sql.select().columns("id", "name", "siret", "address").from("companies")
                .where("id", .equal, id).first(decoding: CompanyRow.self)
        else { return nil }
        return Company(id: row.id, name: row.name, siret: try SIRET(row.siret), address: row.address)
    }

    package func bidder(_ id: Int64) async throws -> Bidder? {
        try await bidderSelect().where("id", .equal, id)
            .first(decoding: BidderRow.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    /// The bidders of a company, by name.
    package func bidders(ofCompany companyID: Int64) async throws -> [Bidder] {
        try await bidderSelect().where("company_id", .equal, companyID).orderBy("last_name").orderBy("first_name")
            .all(decoding: BidderRow.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    /// The bidder with this login and their password hash, for signing in.
    package func credentials(login: String) async throws -> (bidder: Bidder, passwordHash: String)? {
        guard let row = try await bidderSelect().column("password_hash").where("login", .equal, login).first()
        else { return nil }
        guard let bidder = Self.model(try row.decode(model: BidderRow.self, keyDecodingStrategy: .convertFromSnakeCase))
        else { return nil }
        return (bidder, try row.decode(column: "password_hash", as: String.self))
    }

    /// The bidder and company of a live company session, in one query: every request of a deposit asks.
    /// Finding it counts as activity (``SessionActivity``).
    package func signedIn(sessionToken token: String, policy: SessionPolicy) async throws -> SignedInBidder? {
        let now = Timestamp.now()
        struct Row: Codable {
            let bidderId: Int64
            let companyId: Int64
            let civility: String
            let lastName: String
            let firstName: String
            let email: String
            let login: String
            let companyName: String
            let siret: String
            let address: String
            let csrfToken: String
            let createdAt: Int64
            let expiresAt: Int64

            package init(
                bidderId: Int64, companyId: Int64, civility: String, lastName: String, firstName: String, email: String,
                login: String, companyName: String, siret: String, address: String, csrfToken: String,
                createdAt: Int64, expiresAt: Int64
            ) {
                self.bidderId = bidderId
                self.companyId = companyId
                self.civility = civility
                self.lastName = lastName
                self.firstName = firstName
                self.email = email
                self.login = login
                self.companyName = companyName
                self.siret = siret
                self.address = address
                self.csrfToken = csrfToken
                self.createdAt = createdAt
                self.expiresAt = expiresAt
            }
        }
        let query: SQLQueryString = """
            SELECT b.id AS bidder_id, b.company_id, b.civility, b.last_name, b.first_name, b.email, b.login,
            c.name AS company_name, c.siret, c.address, s.csrf_token, s.created_at, s.expires_at
            FROM bidder_sessions s JOIN bidders b ON b.id = s.bidder_id JOIN companies c ON c.id = b.company_id
            WHERE s.token_hash = \(bind: SessionToken.hash(token)) AND s.expires_at > \(bind: now)
            """
        guard let row = try await sql.raw(query).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase),
            let civility = Civility(rawValue: row.civility)
        else { return nil }
        try await SessionActivity(sql: sql, policy: policy).touch(
            table: SessionKind.bidder.table, tokenHash: SessionToken.hash(token), openedAt: row.createdAt,
            expiresAt: row.expiresAt, at: now)
        return SignedInBidder(
            bidder: Bidder(
                id: row.bidderId, companyID: row.companyId, civility: civility, lastName: row.lastName,
                firstName: row.firstName, email: row.email, login: row.login),
            company: Company(
                id: row.companyId, name: row.companyName, siret: try SIRET(row.siret), address: row.address),
            csrfToken: row.csrfToken, sessionToken: token, idleTimeout: policy.idleTimeout)
    }

    /// A bidder and its company as a deposit job's credential stands for them (no session, no CSRF token).
    package func signedIn(bidderID: Int64) async throws -> SignedInBidder? {
        guard let bidder = try await bidder(bidderID),
            let company = try await company(bidder.companyID)
        else { return nil }
        return SignedInBidder(bidder: bidder, company: company, csrfToken: "", sessionToken: "")
    }

    private func bidderSelect() -> SQLSelectBuilder {
        sql.select().columns("id", "company_id", "civility", "last_name", "first_name", "email", "login")
            .from("bidders")
    }

    private static func model(_ row: BidderRow) -> Bidder? {
        guard let civility = Civility(rawValue: row.civility) else { return nil }
        return Bidder(
            id: row.id, companyID: row.companyId, civility: civility, lastName: row.lastName,
            firstName: row.firstName, email: row.email, login: row.login)
    }
}
