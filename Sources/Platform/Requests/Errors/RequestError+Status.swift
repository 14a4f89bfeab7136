import HTTPTypes
import PlatformKernel

extension RequestError: UserFacingError {
    /// 400 for a season that breaks a rule, 403 for a lock only a manager may take over, 404 for a
    /// teleservice offline, 409 for a transition the request's state refuses.
    package var status: HTTPResponse.Status {
        switch self {
        case .invalidSeason, .seasonOverlap: .badRequest
        case .takeOverNeedsManager: .forbidden
        case .teleserviceOffline: .notFound
        case .transitionRefused, .dataTransitionRefused, .documentTransitionRefused, .notReadyForValidation,
            .seasonValidationNotOpen, .lockedByAnotherAgent, .lockedForCitizen, .registrationClosed:
            .conflict
        }
    }
}
