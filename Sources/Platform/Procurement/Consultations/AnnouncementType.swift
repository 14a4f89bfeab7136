import PlatformKernel

/// "Type d'annonce": what the notice announces. A consultation created from the "Consultations" menu
/// is an "Annonce de consultation"; the other kinds belong to "Autres annonces".
package enum AnnouncementType: String, Codable, CaseIterable, Sendable {
    case consultation = "consultation"
    case information = "information"
    case award = "attribution"

    package var label: String {
        switch self {
        case .consultation: "Annonce de consultation"
        case .information: "Annonce d'information"
        case .award: "Annonce d'attribution"
        }
    }
}
