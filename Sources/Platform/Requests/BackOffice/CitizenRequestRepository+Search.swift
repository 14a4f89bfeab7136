import Foundation
import PlatformKernel
import SQLKit

extension CitizenRequestRepository {
    /// The requests matching `search` in `categories` (`nil`: all), before the quality filter, which the
    /// service applies with each teleservice's commitment.
    package func search(_ search: RequestSearch, in categories: Set<Int64>?) async throws -> [CitizenRequest] {
        var query = select()
        if let categories {
            guard !categories.isEmpty else { return [] }
            query = query.where("category_id", .in, Array(categories))
        }
        if let requester = Self.pattern(search.requester) {
            let condition: SQLQueryString = "search_requester LIKE \(bind: requester) ESCAPE '!'"
            query = query.where(condition)
        }
        if let subject = Self.pattern(search.subject) {
            let condition: SQLQueryString = "search_subject LIKE \(bind: subject) ESCAPE '!'"
            query = query.where(condition)
        }
        if let number = search.number?.trimmingCharacters(in: .whitespaces), !number.isEmpty {
            query = query.where("number", .equal, number)
        }
        if let household = search.householdID { query = query.where("household_id", .equal, household) }
        if let from = search.from { query = query.where("created_at", .greaterThanOrEqual, Self.parisStart(of: from)) }
        if let to = search.to {
            query = query.where("created_at", .lessThan, Self.parisStart(of: to.adding(days: 1)))
        }
        if let category = search.categoryID { query = query.where("category_id", .equal, category) }
        if let teleservice = search.teleserviceID { query = query.where("teleservice_id", .equal, teleservice) }
        if let state = search.state { query = query.where("state", .equal, state.rawValue) }
        if let agent = search.lastAgentID { query = query.where("last_agent_id", .equal, agent) }
        switch search.sort {
        case .newest: query = query.orderBy("created_at", .descending)
        case .oldest: query = query.orderBy("created_at", .ascending)
        case .number: query = query.orderBy("number")
        case .requester: query = query.orderBy("search_requester")
        case .subject: query = query.orderBy("search_subject")
        case .state: query = query.orderBy("state")
        case .lastModified: query = query.orderBy("updated_at", .descending)
        }
        query = query.orderBy("id", .descending)
        if search.quality == nil {
            query = query.limit(max(1, min(search.limit, RequestSearch.maximumLimit)))
        } else {
            query = query.where("state", .in, RequestState.awaitingInstruction.map(\.rawValue))
        }
        return try await query.all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap(Self.model)
    }

    /// Midnight of `day` in Paris, in seconds since 1970.
    package static func parisStart(of day: CivilDate) -> Int64 {
        let date = FrenchTime.parisCalendar.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day))
        return Int64((date ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970)
    }

    private static func pattern(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        var escaped = ""
        for character in fold(text) {
            if character == "%" || character == "_" || character == "!" { escaped.append("!") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
