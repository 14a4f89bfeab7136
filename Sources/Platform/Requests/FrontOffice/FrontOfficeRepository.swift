import Foundation
import PlatformKernel
import SQLKit

/// The citizens' front office: household sign-in, sessions, password-reset tokens, members and drafts.
/// Secrets (session and reset tokens) are kept only as their SHA-256.
package struct FrontOfficeRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    // MARK: Accounts

    /// The household whose account has this e-mail (compared lower-cased) and its password hash.
    package func credentials(email: String) async throws -> (householdID: Int64, passwordHash: String)? {
        guard
            let row = try await sql.select().columns("household_id", "password_hash").from("citizen_accounts")
                .where("email", .equal, Self.normalised(email)).first()
        else { return nil }
        return (
            try row.decode(column: "household_id", as: Int64.self),
            try row.decode(column: "password_hash", as: String.self)
        )
    }

    package func emailTaken(_ email: String) async throws -> Bool {
        try await sql.select().column("household_id").from("citizen_accounts")
            .where("email", .equal, Self.normalised(email)).first() != nil
    }

    package func createAccount(householdID: Int64, email: String, passwordHash: String, at time: Int64) async throws {
        try await sql.insert(into: "citizen_accounts").columns("household_id", "email", "password_hash", "created_at")
            .values(SQLBind(householdID), SQLBind(Self.normalised(email)), SQLBind(passwordHash), SQLBind(time))
            .run()
    }

    package func setPassword(householdID: Int64, passwordHash: String) async throws {
        try await sql.update("citizen_accounts").set("password_hash", to: passwordHash)
            .where("household_id", .equal, householdID).run()
    }

    /// Changes the account's e-mail: its sign-in and the household's address for mail, together.
    package func setEmail(householdID: Int64, email: String) async throws {
        try await sql.update("citizen_accounts").set("email", to: Self.normalised(email))
            .where("household_id", .equal, householdID).run()
        try await sql.update("households").set("email", to: Self.normalised(email)).where("id", .equal, householdID)
            .run()
    }

    /// The account's e-mail, where the platform writes.
    package func email(of householdID: Int64) async throws -> String? {
        try await sql.select().column("email").from("citizen_accounts").where("household_id", .equal, householdID)
            .first(decodingColumn: "email", as: String.self)
    }

    package static func normalised(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    // MARK: Sessions

    package func openSession(householdID: Int64, policy: SessionPolicy, at time: Int64) async throws -> (
        token: String, csrfToken: String
    ) {
        let token = SessionToken.random()
        let csrf = SessionToken.random()
        try await sql.delete(from: "citizen_sessions").where("expires_at", .lessThanOrEqual, time).run()
        try await sql.insert(into: "citizen_sessions")
            .columns("token_hash", "household_id", "csrf_token", "created_at", "expires_at")
            .values(
                SQLBind(SessionToken.hash(token)), SQLBind(householdID), SQLBind(csrf), SQLBind(time),
                SQLBind(policy.expiry(openedAt: time, now: time))
            )
            .run()
        return (token, csrf)
    }

    /// The live session of this cookie token: its household and CSRF token. Finding it counts as activity.
    package func session(token: String, policy: SessionPolicy, at time: Int64) async throws -> (
        householdID: Int64, csrfToken: String
    )? {
        guard
            let row = try await sql.select().columns("household_id", "csrf_token", "created_at", "expires_at")
                .from("citizen_sessions")
                .where("token_hash", .equal, SessionToken.hash(token)).where("expires_at", .greaterThan, time).first()
        else { return nil }
        try await SessionActivity(sql: sql, policy: policy).touch(
            table: "citizen_sessions", tokenHash: SessionToken.hash(token),
            openedAt: try row.decode(column: "created_at", as: Int64.self),
            expiresAt: try row.decode(column: "expires_at", as: Int64.self), at: time)
        return (
            try row.decode(column: "household_id", as: Int64.self),
            try row.decode(column: "csrf_token", as: String.self)
        )
    }

    package func closeSession(token: String) async throws {
        try await sql.delete(from: "citizen_sessions").where("token_hash", .equal, SessionToken.hash(token)).run()
    }

    package func closeSessions(of householdID: Int64) async throws {
        try await sql.delete(from: "citizen_sessions").where("household_id", .equal, householdID).run()
    }

    /// Closes the household's sessions but the one of this cookie token (the citizen changing their password).
    package func closeSessions(of householdID: Int64, except token: String) async throws {
        try await sql.delete(from: "citizen_sessions").where("household_id", .equal, householdID)
            .where("token_hash", .notEqual, SessionToken.hash(token)).run()
    }

    // MARK: Password resets

    package func addReset(tokenHash: String, householdID: Int64, expiresAt: Int64) async throws {
        try await sql.insert(into: "citizen_password_resets").columns("token_hash", "household_id", "expires_at")
            .values(SQLBind(tokenHash), SQLBind(householdID), SQLBind(expiresAt)).run()
    }

    /// Uses a reset token once: the household when the token is known, unused and live; marks it used.
    package func consumeReset(tokenHash: String, at time: Int64) async throws -> Int64? {
        guard
            let row = try await sql.select().columns("household_id", "expires_at", "used_at")
                .from("citizen_password_resets").where("token_hash", .equal, tokenHash).first()
        else { return nil }
        let used = try row.decodeNil(column: "used_at") ? nil : try row.decode(column: "used_at", as: Int64.self)
        guard used == nil, try row.decode(column: "expires_at", as: Int64.self) > time else { return nil }
        let householdID = try row.decode(column: "household_id", as: Int64.self)
        try await sql.update("citizen_password_resets").set("used_at", to: time)
            .where("token_hash", .equal, tokenHash).run()
        return householdID
    }

    /// Whether the token would be accepted now (the page asking for the new password checks it first).
    package func resetIsLive(tokenHash: String, at time: Int64) async throws -> Bool {
        try await sql.select().column("household_id").from("citizen_password_resets")
            .where("token_hash", .equal, tokenHash).where("expires_at", .greaterThan, time)
            .where("used_at", .is, SQLLiteral.null).first() != nil
    }

    // MARK: Members

    package func addMember(_ member: HouseholdMember, to householdID: Int64) async throws -> HouseholdMember {
        let id = try await sql.insert(into: "household_members")
            .columns("household_id", "role", "civility", "last_name", "first_name", "birth_date")
            .values(
                SQLBind(householdID), SQLBind(member.role.rawValue), SQLBind(member.civility.rawValue),
                SQLBind(member.lastName), SQLBind(member.firstName), SQLBind(member.birthDate?.iso)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = member
        saved.id = id
        return saved
    }

    package func updateMember(_ member: HouseholdMember, of householdID: Int64) async throws {
        try await sql.update("household_members").set("role", to: member.role.rawValue)
            .set("civility", to: member.civility.rawValue).set("last_name", to: member.lastName)
            .set("first_name", to: member.firstName).set("birth_date", to: SQLBind(member.birthDate?.iso))
            .where("id", .equal, member.id ?? 0).where("household_id", .equal, householdID).run()
    }

    // MARK: Drafts

    private struct DraftRow: Decodable {
        package let id: Int64
        package let householdId: Int64
        package let teleserviceId: Int64
        package let subjectId: Int64?
        package let dataJson: String
        package let updatedAt: Int64
        package let expiresAt: Int64
        package let noticeSentAt: Int64?
    }

    package func saveDraft(_ draft: RequestDraft) async throws -> RequestDraft {
        let json = try RequestJSON.encode(draft.data)
        var saved = draft
        if let id = draft.id {
            try await sql.update("request_drafts").set("subject_id", to: SQLBind(draft.subjectID))
                .set("data_json", to: json).set("updated_at", to: draft.updatedAt)
                .set("expires_at", to: draft.expiresAt).set("notice_sent_at", to: SQLBind(draft.noticeSentAt))
                .where("id", .equal, id).where("household_id", .equal, draft.householdID).run()
            return saved
        }
        saved.id = try await sql.insert(into: "request_drafts")
            .columns("household_id", "teleservice_id", "subject_id", "data_json", "updated_at", "expires_at")
            .values(
                SQLBind(draft.householdID), SQLBind(draft.teleserviceID), SQLBind(draft.subjectID), SQLBind(json),
                SQLBind(draft.updatedAt), SQLBind(draft.expiresAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        return saved
    }

    package func draft(_ id: Int64) async throws -> RequestDraft? {
        try await draftSelect().where("id", .equal, id)
            .first(decoding: DraftRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    package func drafts(of householdID: Int64) async throws -> [RequestDraft] {
        try await draftSelect().where("household_id", .equal, householdID).orderBy("updated_at", .descending)
            .all(decoding: DraftRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    /// Drafts expiring before `time` (to delete) or whose notice is due and not sent.
    package func draftsExpiring(before time: Int64) async throws -> [RequestDraft] {
        try await draftSelect().where("expires_at", .lessThanOrEqual, time).orderBy("id")
            .all(decoding: DraftRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    package func markNoticeSent(_ id: Int64, at time: Int64) async throws {
        try await sql.update("request_drafts").set("notice_sent_at", to: time).where("id", .equal, id).run()
    }

    package func deleteDraft(_ id: Int64) async throws {
        try await sql.delete(from: "request_drafts").where("id", .equal, id).run()
    }

    private func draftSelect() -> SQLSelectBuilder {
        sql.select().columns(
            "id", "household_id", "teleservice_id", "subject_id", "data_json", "updated_at", "expires_at",
            "notice_sent_at"
        ).from("request_drafts")
    }

    private static func model(_ row: DraftRow) throws -> RequestDraft {
        RequestDraft(
            id: row.id, householdID: row.householdId, teleserviceID: row.teleserviceId, subjectID: row.subjectId,
            data: try RequestJSON.decode([String: [String]].self, row.dataJson), updatedAt: row.updatedAt,
            expiresAt: row.expiresAt, noticeSentAt: row.noticeSentAt)
    }

    // MARK: Documents

    /// The numbers of the open requests (not closed, cancelled, rejected or archived) using the document.
    package func openRequestsUsing(document documentID: Int64) async throws -> [String] {
        let closed = [RequestState.closed, .cancelled, .rejected, .archived, .notified].map(\.rawValue)
        let query: SQLQueryString = """
            SELECT r.number AS number FROM request_documents d JOIN citizen_requests r ON r.id = d.request_id \
            WHERE d.document_id = \(bind: documentID) AND r.state NOT IN (\(binds: closed))
            """
        return try await sql.raw(query).all(decodingColumn: "number", as: String.self)
    }

    /// Deletes the document and its associations with closed requests.
    package func deleteDocument(_ documentID: Int64) async throws {
        try await sql.delete(from: "request_documents").where("document_id", .equal, documentID).run()
        try await sql.delete(from: "citizen_documents").where("id", .equal, documentID).run()
    }
}
