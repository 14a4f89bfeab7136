import PlatformKernel
import SQLKit

/// A register the « Tableau de bord » counts for each consultation, with where to read it and its CSV export,
/// shown to the agents who may read the consultation's registers (« consulter les registres »). A new register
/// plugs in by adding its counter to `[any ConsultationRegisterCounter].standard`.
package protocol ConsultationRegisterCounter: Sendable {
    /// « Retraits », « Questions », « Dépôts », « Messages ».
    var label: String { get }
    /// The number of entries per consultation; a consultation left out counts 0.
    func counts(of consultationIDs: [Int64], sql: any SQLDatabase) async throws -> [Int64: Int]
    /// The page (or tab) where the agent reads the register, if it has one.
    func pagePath(of consultationID: Int64) -> String?
    /// The register's CSV export, if it has one.
    func csvPath(of consultationID: Int64) -> String?
}

extension ConsultationRegisterCounter {
    /// `SELECT consultation_id, COUNT(*) … GROUP BY consultation_id` on `table`, narrowed by `filter`.
    package func count(
        _ table: String, of consultationIDs: [Int64], sql: any SQLDatabase,
        filter: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 }
    ) async throws -> [Int64: Int] {
        guard !consultationIDs.isEmpty else { return [:] }
        let query = sql.select().column("consultation_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(table).where("consultation_id", .in, consultationIDs)
        return Dictionary(
            try await filter(query).groupBy("consultation_id")
                .all(decoding: RegisterCountRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                .map { ($0.consultationId, Int($0.n)) },
            uniquingKeysWith: +)
    }
}

/// One `consultation_id, n` row of ``ConsultationRegisterCounter/count(_:of:sql:filter:)``.
private struct RegisterCountRow: Codable {
    let consultationId: Int64
    let n: Int64
}

/// « Registre des retraits »: the DCE downloads, anonymous ones included.
package struct WithdrawalsCounter: ConsultationRegisterCounter {
    package init() {}
    package var label: String { "Retraits" }
    package func counts(of consultationIDs: [Int64], sql: any SQLDatabase) async throws -> [Int64: Int] {
        try await count("dce_downloads", of: consultationIDs, sql: sql)
    }
    package func pagePath(of consultationID: Int64) -> String? { "/consultations/\(consultationID)#dce" }
    package func csvPath(of consultationID: Int64) -> String? {
        "/api/consultations/\(consultationID)/registres/retraits.csv"
    }
}

/// « Registre des questions »: the companies' questions, answered or not.
package struct QuestionsCounter: ConsultationRegisterCounter {
    package init() {}
    package var label: String { "Questions" }
    package func counts(of consultationIDs: [Int64], sql: any SQLDatabase) async throws -> [Int64: Int] {
        try await count("consultation_questions", of: consultationIDs, sql: sql)
    }
    package func pagePath(of consultationID: Int64) -> String? { "/consultations/\(consultationID)#questions" }
    package func csvPath(of consultationID: Int64) -> String? {
        "/api/consultations/\(consultationID)/registres/questions.csv"
    }
}

/// « Registre des dépôts »: the complete deposits (the replaced ones not counted twice).
package struct DepositsCounter: ConsultationRegisterCounter {
    package init() {}
    package var label: String { "Dépôts" }
    package func counts(of consultationIDs: [Int64], sql: any SQLDatabase) async throws -> [Int64: Int] {
        try await count("deposits", of: consultationIDs, sql: sql) {
            $0.where("state", .equal, Deposit.State.complete.rawValue)
        }
    }
    package func pagePath(of consultationID: Int64) -> String? { nil }
    package func csvPath(of consultationID: Int64) -> String? {
        "/api/consultations/\(consultationID)/registres/depots.csv"
    }
}

/// The « messagerie sécurisée »: the messages sent to the companies.
package struct MessagesCounter: ConsultationRegisterCounter {
    package init() {}
    package var label: String { "Messages" }
    package func counts(of consultationIDs: [Int64], sql: any SQLDatabase) async throws -> [Int64: Int] {
        try await count("bidder_messages", of: consultationIDs, sql: sql)
    }
    package func pagePath(of consultationID: Int64) -> String? { "/consultations/\(consultationID)#messagerie" }
    package func csvPath(of consultationID: Int64) -> String? {
        "/api/consultations/\(consultationID)/registres/messages.csv"
    }
}

extension [any ConsultationRegisterCounter] {
    /// The platform's registers, in the seed's order (retraits, questions, dépôts, messages).
    package static var standard: [any ConsultationRegisterCounter] {
        [WithdrawalsCounter(), QuestionsCounter(), DepositsCounter(), MessagesCounter()]
    }
}
