import PlatformKernel

/// Where a citizen's request ("demande") stands in its lifecycle (CapDémat V4 "cycle de vie d'une demande").
///
/// The raw values are stored: never rename one that shipped.
package enum RequestState: String, Codable, CaseIterable, Sendable {
    case pending
    case inProgress = "in-progress"
    case complete
    case uncomplete
    case rectified
    case validated
    case notified
    case closed
    case rejected
    case cancelled
    case archived

    /// The label agents and citizens read.
    package var label: String {
        switch self {
        case .pending: "En attente"
        case .inProgress: "En cours"
        case .complete: "Complète"
        case .uncomplete: "Incomplète"
        case .rectified: "Rectifiée"
        case .validated: "Validée"
        case .notified: "Notifiée"
        case .closed: "Clôturée"
        case .rejected: "Refusée"
        case .cancelled: "Annulée"
        case .archived: "Archivée"
        }
    }

    /// The states a request waits in for an agent: the task board's quality of service watches these.
    package static let awaitingInstruction: Set<RequestState> = [.pending, .inProgress, .rectified]
}
