import PlatformKernel
import SQLKit

/// A register that names the companies a consultation's agents may write to: the « registre des dépôts »
/// and the « registre des retraits ». The messaging service asks every source it was given; a new register
/// (another withdrawals table, say) plugs in by adding its source in `buildRouter`.
package protocol MessageRecipientSource: Sendable {
    /// What the company did, as the recipients' list says it: « a déposé », « a retiré le DCE ».
    var reason: String { get }
    /// The companies this register names for the consultation.
    func companies(of consultationID: Int64, sql: any SQLDatabase) async throws -> Set<Int64>
}

/// The companies with a complete deposit (the current one or one replaced since).
package struct DepositRecipients: MessageRecipientSource {
    package init() {}

    package var reason: String { "a déposé une réponse" }

    package func companies(of consultationID: Int64, sql: any SQLDatabase) async throws -> Set<Int64> {
        Set(
            try await sql.select().distinct().column("company_id").from("deposits")
                .where("consultation_id", .equal, consultationID)
                .where("state", .in, [Deposit.State.complete.rawValue, Deposit.State.superseded.rawValue])
                .all(decodingColumn: "company_id", as: Int64.self))
    }
}

/// The companies that withdrew the DCE while signed in (anonymous withdrawals name nobody), from the
/// `dce_downloads` table of the registre des retraits.
package struct WithdrawalRecipients: MessageRecipientSource {
    package init() {}

    package var reason: String { "a retiré le DCE" }

    package func companies(of consultationID: Int64, sql: any SQLDatabase) async throws -> Set<Int64> {
        Set(
            try await sql.select().distinct().column("company_id").from("dce_downloads")
                .where("consultation_id", .equal, consultationID)
                .where("company_id", .isNot, SQLLiteral.null)
                .all(decodingColumn: "company_id", as: Int64.self))
    }
}

extension [any MessageRecipientSource] {
    /// The sources the platform ships: deposits and DCE withdrawals.
    package static var standard: [any MessageRecipientSource] { [DepositRecipients(), WithdrawalRecipients()] }
}
