import Foundation
import PlatformKernel
import SQLKit

/// Citizens' requests: the request row with its state, data and lock.
package struct CitizenRequestRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    package struct Row: Decodable {
        package let id: Int64
        package let number: String
        package let teleserviceId: Int64
        package let categoryId: Int64
        package let seasonId: Int64?
        package let householdId: Int64?
        package let requesterId: Int64?
        package let requesterName: String
        package let subjectId: Int64?
        package let subjectName: String
        package let state: String
        package let dataState: String
        package let dataJson: String
        package let createdAt: Int64
        package let updatedAt: Int64
        package let validatedAt: Int64?
        package let lastAgentId: Int64?
        package let lockAgentId: Int64?
        package let lockExpiresAt: Int64?

        package init(
            id: Int64, number: String, teleserviceId: Int64, categoryId: Int64, seasonId: Int64?, householdId: Int64?,
            requesterId: Int64?, requesterName: String, subjectId: Int64?, subjectName: String, state: String,
            dataState: String, dataJson: String, createdAt: Int64, updatedAt: Int64, validatedAt: Int64?,
            lastAgentId: Int64?, lockAgentId: Int64?, lockExpiresAt: Int64?
        ) {
            self.id = id
            self.number = number
            self.teleserviceId = teleserviceId
            self.categoryId = categoryId
            self.seasonId = seasonId
            self.householdId = householdId
            self.requesterId = requesterId
            self.requesterName = requesterName
            self.subjectId = subjectId
            self.subjectName = subjectName
            self.state = state
            self.dataState = dataState
            self.dataJson = dataJson
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.validatedAt = validatedAt
            self.lastAgentId = lastAgentId
            self.lockAgentId = lockAgentId
            self.lockExpiresAt = lockExpiresAt
        }
    }

    package static let columns = [
        "id", "number", "teleservice_id", "category_id", "season_id", "household_id", "requester_id",
        "requester_name", "subject_id", "subject_name", "state", "data_state", "data_json", "created_at",
        "updated_at", "validated_at", "last_agent_id", "lock_agent_id", "lock_expires_at",
    ]

    /// Saves a new request and gives it its number.
    package func create(_ request: CitizenRequest) async throws -> CitizenRequest {
        let inserted = try await sql.insert(into: "citizen_requests")
            .columns(
                "number", "teleservice_id", "category_id", "season_id", "household_id", "requester_id",
                "requester_name", "subject_id", "subject_name", "search_requester", "search_subject", "state",
                "data_state", "data_json", "created_at", "updated_at"
            )
            .values(
                SQLBind(""), SQLBind(request.teleserviceID), SQLBind(request.categoryID), SQLBind(request.seasonID),
                SQLBind(request.householdID), SQLBind(request.requesterID), SQLBind(request.requesterName),
                SQLBind(request.subjectID), SQLBind(request.subjectName), SQLBind(Self.fold(request.requesterName)),
                SQLBind(Self.fold(request.subjectName)), SQLBind(request.state.rawValue),
                SQLBind(request.dataState.rawValue), SQLBind(try RequestJSON.encode(request.data)),
                SQLBind(request.createdAt), SQLBind(request.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id = inserted else { throw DomainError.notFound(what: "Demande") }
        let number = CitizenRequest.number(year: CivilDate(parisTime: request.createdAt).year, id: id)
        try await sql.update("citizen_requests").set("number", to: number).where("id", .equal, id).run()
        var saved = request
        saved.id = id
        saved.number = number
        return saved
    }

    /// The request; `forUpdate` locks its row until the transaction ends (PostgreSQL; SQLite is serial).
    package func find(_ id: Int64, forUpdate: Bool = false) async throws -> CitizenRequest? {
        var query = select().where("id", .equal, id)
        if forUpdate { query = query.for(.update) }
        return try await query.first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .flatMap(Self.model)
    }

    /// Saves state, data, lock and the last agent of `request`.
    package func save(_ request: CitizenRequest) async throws {
        guard let id = request.id else { throw DomainError.notFound(what: "Demande") }
        try await sql.update("citizen_requests")
            .set("state", to: request.state.rawValue)
            .set("data_state", to: request.dataState.rawValue)
            .set("data_json", to: try RequestJSON.encode(request.data))
            .set("updated_at", to: request.updatedAt)
            .set("validated_at", to: request.validatedAt)
            .set("last_agent_id", to: request.lastAgentID)
            .set("lock_agent_id", to: request.lock?.agentID)
            .set("lock_expires_at", to: request.lock?.expiresAt)
            .where("id", .equal, id).run()
    }

    package func select() -> SQLSelectBuilder {
        sql.select().columns(Self.columns.map { SQLColumn($0, table: "citizen_requests") }).from("citizen_requests")
    }

    package static func model(_ row: Row) -> CitizenRequest? {
        guard let state = RequestState(rawValue: row.state), let dataState = RequestDataState(rawValue: row.dataState)
        else { return nil }
        var lock: RequestLock?
        if let agent = row.lockAgentId, let expires = row.lockExpiresAt {
            lock = RequestLock(agentID: agent, expiresAt: expires)
        }
        return CitizenRequest(
            id: row.id, number: row.number, teleserviceID: row.teleserviceId, categoryID: row.categoryId,
            seasonID: row.seasonId, householdID: row.householdId, requesterID: row.requesterId,
            requesterName: row.requesterName, subjectID: row.subjectId, subjectName: row.subjectName, state: state,
            dataState: dataState, data: (try? RequestJSON.decode([String: [String]].self, row.dataJson)) ?? [:],
            createdAt: row.createdAt, updatedAt: row.updatedAt, validatedAt: row.validatedAt,
            lastAgentID: row.lastAgentId, lock: lock)
    }

    /// Lowercase without accents, for LIKE searches alike on both backends.
    package static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
    }
}
