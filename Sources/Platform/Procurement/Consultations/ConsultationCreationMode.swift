import PlatformKernel

/// How the consultation was created: the full form, or the simplified one for simple purchases
/// such as a request for quotes (seed 003, "Consultation simplifiée").
package enum ConsultationCreationMode: String, Codable, CaseIterable, Sendable {
    case standard = "standard"
    case simplified = "simplifiee"
}
