/// A citizen's request ("demande"): who asks, for whom, for which teleservice, with what data.
package struct CitizenRequest: Codable, Sendable, Equatable {
    package var id: Int64?
    /// The number citizens and agents quote, e.g. `2027-000042`.
    package var number: String = ""
    package var teleserviceID: Int64
    package var categoryID: Int64
    package var seasonID: Int64?
    package var householdID: Int64?
    /// The person who made the request (e.g. the parent).
    package var requesterID: Int64?
    package var requesterName: String
    /// The person concerned (e.g. the child).
    package var subjectID: Int64?
    package var subjectName: String
    package var state: RequestState = .pending
    package var dataState: RequestDataState = .pending
    /// One or several values per form field key.
    package var data: [String: [String]] = [:]
    package var createdAt: Int64
    package var updatedAt: Int64
    package var validatedAt: Int64?
    package var lastAgentID: Int64?
    package var lock: RequestLock?

    /// The number of the `id`-th request filed in `year`.
    package static func number(year: Int, id: Int64) -> String {
        let digits = String(id)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
