import PlatformKernel
import SQLKit

/// Household accounts and their members; the citizens' document space.
package struct HouseholdRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct HouseholdRow: Decodable {
        package let id: Int64
        package let state: String
        package let status: String
        package let email: String
        package let address: String
        package let entityId: Int64?
    }

    private struct MemberRow: Decodable {
        package let id: Int64
        package let role: String
        package let civility: String
        package let lastName: String
        package let firstName: String
        package let birthDate: String?
    }

    private struct DocumentRow: Decodable {
        package let id: Int64
        package let householdId: Int64
        package let kind: String
        package let fileName: String
        package let sha256: String
        package let createdAt: Int64
    }

    package func create(_ household: Household) async throws -> Household {
        try household.validate()
        var entityID = household.entityID
        if entityID == nil { entityID = try await RequestEntityRepository(sql: sql).defaultEntity() }
        let id = try await sql.insert(into: "households")
            .columns("state", "status", "email", "address", "created_at", "entity_id")
            .values(
                SQLBind(household.state.rawValue), SQLBind(household.status.rawValue), SQLBind(household.email),
                SQLBind(household.address), SQLBind(Timestamp.now()), SQLBind(entityID)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = household
        saved.id = id
        saved.entityID = entityID
        saved.members = []
        for member in household.members {
            let memberID = try await sql.insert(into: "household_members")
                .columns("household_id", "role", "civility", "last_name", "first_name", "birth_date")
                .values(
                    SQLBind(id), SQLBind(member.role.rawValue), SQLBind(member.civility.rawValue),
                    SQLBind(member.lastName), SQLBind(member.firstName), SQLBind(member.birthDate?.iso)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            var added = member
            added.id = memberID
            saved.members.append(added)
        }
        return saved
    }

    package func find(_ id: Int64) async throws -> Household? {
        guard
            let row = try await sql.select().columns("id", "state", "status", "email", "address", "entity_id")
                .from("households").where("id", .equal, id)
                .first(decoding: HouseholdRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        else { return nil }
        let members = try await sql.select()
            .columns("id", "role", "civility", "last_name", "first_name", "birth_date")
            .from("household_members").where("household_id", .equal, id).orderBy("id")
            .all(decoding: MemberRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap { row -> HouseholdMember? in
                guard let role = HouseholdMember.Role(rawValue: row.role),
                    let civility = Civility(rawValue: row.civility)
                else { return nil }
                return HouseholdMember(
                    id: row.id, role: role, civility: civility, lastName: row.lastName, firstName: row.firstName,
                    birthDate: row.birthDate.flatMap { CivilDate(iso: $0) })
            }
        return Household(
            id: row.id, state: Household.State(rawValue: row.state) ?? .inProgress,
            status: Household.Status(rawValue: row.status) ?? .inactive, email: row.email, address: row.address,
            members: members, entityID: row.entityId)
    }

    /// Households matching a member's name (accents and case ignored; the responsible adult's only when
    /// `responsibleOnly`), an account number, a state or a status, of one entity when given; by number, or by
    /// the responsible's name.
    package func search(
        name: String?, id: Int64?, state: Household.State?, status: Household.Status?, responsibleOnly: Bool = false,
        sortByName: Bool = false, entityID: Int64? = nil, limit: Int
    ) async throws -> [Household] {
        var query = sql.select().column(SQLColumn("id", table: "households")).from("households")
        if let entityID { query = query.where("entity_id", .equal, entityID) }
        if let id { query = query.where(SQLColumn("id", table: "households"), .equal, SQLBind(id)) }
        if let state { query = query.where("state", .equal, state.rawValue) }
        if let status { query = query.where("status", .equal, status.rawValue) }
        let rows = try await query.orderBy(SQLColumn("id", table: "households")).all(
            decodingColumn: "id", as: Int64.self)
        let wanted = name.map(CitizenRequestRepository.fold)?.trimmingCharacters(in: .whitespaces) ?? ""
        var households: [Household] = []
        for id in rows {
            guard households.count < limit else { break }
            guard let household = try await find(id) else { continue }
            let candidates = responsibleOnly ? household.members.filter { $0.role == .responsible } : household.members
            if wanted.isEmpty
                || candidates.contains(where: {
                    CitizenRequestRepository.fold("\($0.firstName) \($0.lastName)").contains(wanted)
                        || CitizenRequestRepository.fold("\($0.lastName) \($0.firstName)").contains(wanted)
                })
            {
                households.append(household)
            }
        }
        guard sortByName else { return households }
        return households.sorted { left, right in
            let names = [left, right].map {
                CitizenRequestRepository.fold("\($0.responsible?.lastName ?? "") \($0.responsible?.firstName ?? "")")
            }
            return names[0] == names[1] ? (left.id ?? 0) < (right.id ?? 0) : names[0] < names[1]
        }
    }

    package func setState(_ state: Household.State, status: Household.Status, of id: Int64) async throws {
        try await sql.update("households").set("state", to: state.rawValue).set("status", to: status.rawValue)
            .where("id", .equal, id).run()
    }

    /// Adds a document to the household's space.
    package func addDocument(_ document: CitizenDocument) async throws -> CitizenDocument {
        let id = try await sql.insert(into: "citizen_documents")
            .columns("household_id", "kind", "file_name", "sha256", "created_at")
            .values(
                SQLBind(document.householdID), SQLBind(document.kind), SQLBind(document.fileName),
                SQLBind(document.sha256), SQLBind(document.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = document
        saved.id = id
        return saved
    }

    /// The household's document space.
    package func documents(of householdID: Int64) async throws -> [CitizenDocument] {
        try await documentSelect().where("household_id", .equal, householdID).orderBy("id")
            .all(decoding: DocumentRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    package func document(_ id: Int64) async throws -> CitizenDocument? {
        try await documentSelect().where("id", .equal, id)
            .first(decoding: DocumentRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    private func documentSelect() -> SQLSelectBuilder {
        sql.select().columns("id", "household_id", "kind", "file_name", "sha256", "created_at")
            .from("citizen_documents")
    }

    private static func model(_ row: DocumentRow) -> CitizenDocument {
        CitizenDocument(
            id: row.id, householdID: row.householdId, kind: row.kind, fileName: row.fileName, sha256: row.sha256,
            createdAt: row.createdAt)
    }
}
