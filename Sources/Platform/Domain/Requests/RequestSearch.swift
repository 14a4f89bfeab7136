/// An agent's search of requests ("Rechercher une demande"): criteria, filters and sort.
struct RequestSearch: Sendable, Equatable {
    enum Sort: String, Codable, CaseIterable, Sendable {
        case newest
        case oldest
        case number
        case requester
        case subject
        case state
        case lastModified = "last-modified"
    }

    /// Part of the requester's name, accents and case ignored.
    var requester: String?
    /// Part of the name of the person concerned.
    var subject: String?
    var number: String?
    var householdID: Int64?
    /// Filed on or after this day (Paris).
    var from: CivilDate?
    /// Filed on or before this day (Paris).
    var to: CivilDate?
    var categoryID: Int64?
    var teleserviceID: Int64?
    var state: RequestState?
    var lastAgentID: Int64?
    /// Only the requests awaiting an agent at this quality level.
    var quality: QualityLevel?
    var sort: Sort = .newest
    var limit = 50

    static let maximumLimit = 200
}
