import PlatformKernel

/// The main category of a consultation ("Catégorie principale"), which fixes the CPV divisions allowed.
package enum ProcurementCategory: String, Codable, CaseIterable, Sendable {
    case works = "travaux"
    case supplies = "fournitures"
    case services = "services"

    /// The label shown to agents.
    package var label: String {
        switch self {
        case .works: "Travaux"
        case .supplies: "Fournitures"
        case .services: "Services"
        }
    }

    /// The CPV divisions (first two digits) consistent with the category (seed 003): supplies 03–44 and 48,
    /// works 45, services 49–98.
    package func allows(division: Int) -> Bool {
        switch self {
        case .supplies: (3...44).contains(division) || division == 48
        case .works: division == 45
        case .services: (49...98).contains(division)
        }
    }

    /// The ranges as the form explains them, for error messages.
    package var allowedDivisionsText: String {
        switch self {
        case .supplies: "de 03XXXXXX à 44XXXXXX, ainsi que 48XXXXXX"
        case .works: "de la forme 45XXXXXX"
        case .services: "de 49XXXXXX à 98XXXXXX"
        }
    }
}
