import PlatformKernel

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

    package init(
        id: Int64? = nil, number: String = "", teleserviceID: Int64, categoryID: Int64, seasonID: Int64? = nil,
        householdID: Int64? = nil, requesterID: Int64? = nil, requesterName: String, subjectID: Int64? = nil,
        subjectName: String, state: RequestState = .pending, dataState: RequestDataState = .pending,
        data: [String: [String]] = [:], createdAt: Int64, updatedAt: Int64, validatedAt: Int64? = nil,
        lastAgentID: Int64? = nil, lock: RequestLock? = nil
    ) {
        self.id = id
        self.number = number
        self.teleserviceID = teleserviceID
        self.categoryID = categoryID
        self.seasonID = seasonID
        self.householdID = householdID
        self.requesterID = requesterID
        self.requesterName = requesterName
        self.subjectID = subjectID
        self.subjectName = subjectName
        self.state = state
        self.dataState = dataState
        self.data = data
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.validatedAt = validatedAt
        self.lastAgentID = lastAgentID
        self.lock = lock
    }

    /// The number of the `id`-th request filed in `year`.
    package static func number(year: Int, id: Int64) -> String {
        let digits = String(id)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
