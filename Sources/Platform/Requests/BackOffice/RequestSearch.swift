import PlatformKernel

/// An agent's search of requests ("Rechercher une demande"): criteria, filters and sort.
package struct RequestSearch: Sendable, Equatable {
    package enum Sort: String, Codable, CaseIterable, Sendable {
        case newest
        case oldest
        case number
        case requester
        case subject
        case state
        case lastModified = "last-modified"
    }

    /// Part of the requester's name, accents and case ignored.
    package var requester: String?
    /// Part of the name of the person concerned.
    package var subject: String?
    package var number: String?
    package var householdID: Int64?
    /// Filed on or after this day (Paris).
    package var from: CivilDate?
    /// Filed on or before this day (Paris).
    package var to: CivilDate?
    package var categoryID: Int64?
    package var teleserviceID: Int64?
    package var state: RequestState?
    package var lastAgentID: Int64?
    /// Only the requests awaiting an agent at this quality level.
    package var quality: QualityLevel?
    package var sort: Sort = .newest
    package var limit = 50

    package static let maximumLimit = 200
}
