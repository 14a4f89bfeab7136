import PlatformKernel

/// "Type de contrat", as in the French public procurement code.
package enum ContractType: String, Codable, CaseIterable, Sendable {
    case publicContract = "marche-public"
    case frameworkSingle = "accord-cadre-mono-attributaire"
    case frameworkMultiple = "accord-cadre-multi-attributaires"
    case subsequentContract = "marche-subsequent"
    case dynamicPurchasingSystem = "sad"
    case concession = "concession"
    case other = "autre"

    package var label: String {
        switch self {
        case .publicContract: "Marché public"
        case .frameworkSingle: "Accord-cadre mono-attributaire"
        case .frameworkMultiple: "Accord-cadre multi-attributaires"
        case .subsequentContract: "Marché subséquent"
        case .dynamicPurchasingSystem: "Système d'acquisition dynamique"
        case .concession: "Concession"
        case .other: "Autre"
        }
    }
}
