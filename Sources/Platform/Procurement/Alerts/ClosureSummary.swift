import PlatformKernel
import SQLKit

/// What the clôture alert says of a consultation: its plis (complete deposits, the superseded ones left out)
/// with their companies, and its withdrawals of the DCE. Names and counts only: nothing sealed.
package struct ClosureSummary: Sendable, Equatable {
    package var plis: Int
    /// The companies that deposited, by name, once each.
    package var companies: [String]
    /// Every withdrawal recorded in the registre des retraits (anonymous ones included).
    package var withdrawals: Int
    /// The distinct companies among the signed-in withdrawals.
    package var withdrawingCompanies: Int

    package init(plis: Int, companies: [String], withdrawals: Int, withdrawingCompanies: Int) {
        self.plis = plis
        self.companies = companies
        self.withdrawals = withdrawals
        self.withdrawingCompanies = withdrawingCompanies
    }

    package static func read(_ consultationID: Int64, sql: any SQLDatabase) async throws -> ClosureSummary {
        let deposits = try await DepositRepository(sql: sql).deposits(of: consultationID)
            .filter { $0.state == .complete }
        let repository = CompanyRepository(sql: sql)
        var names: [Int64: String] = [:]
        for deposit in deposits where names[deposit.companyID] == nil {
            names[deposit.companyID] = try await repository.company(deposit.companyID)?.name ?? ""
        }
        let downloads = try await DepositRepository(sql: sql).downloads(of: consultationID)
        return ClosureSummary(
            plis: deposits.count,
            companies: names.values.sorted { $0.localizedStandardCompare($1) == .orderedAscending },
            withdrawals: downloads.count,
            withdrawingCompanies: Set(downloads.compactMap(\.siret)).count)
    }
}
