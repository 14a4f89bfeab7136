/// A citizen's request ("demande"): who asks, for whom, for which teleservice, with what data.
struct CitizenRequest: Codable, Sendable, Equatable {
    var id: Int64?
    /// The number citizens and agents quote, e.g. `2027-000042`.
    var number: String = ""
    var teleserviceID: Int64
    var categoryID: Int64
    var seasonID: Int64?
    var householdID: Int64?
    /// The person who made the request (e.g. the parent).
    var requesterID: Int64?
    var requesterName: String
    /// The person concerned (e.g. the child).
    var subjectID: Int64?
    var subjectName: String
    var state: RequestState = .pending
    var dataState: RequestDataState = .pending
    /// One or several values per form field key.
    var data: [String: [String]] = [:]
    var createdAt: Int64
    var updatedAt: Int64
    var validatedAt: Int64?
    var lastAgentID: Int64?
    var lock: RequestLock?

    /// The number of the `id`-th request filed in `year`.
    static func number(year: Int, id: Int64) -> String {
        let digits = String(id)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
