import PlatformKernel

extension ConsultationState {
    /// The colour of the step's badge (`badge--…`): grey while drafted, amber while waiting, blue while
    /// online, violet while opened, green once decided.
    package var tone: String {
        switch self {
        case .elaboration: "neutral"
        case .awaitingValidation: "warning"
        case .consultation: "info"
        case .openingAndAnalysis: "progress"
        case .decision: "success"
        }
    }
}
