import PlatformKernel

/// Why a remote job's route refuses its bearer secret: unknown, expired, already claimed, of another job, or
/// of a job that is over.
extension BearerRefused {
    package static let invalidToken = BearerRefused(
        message: "Ce jeton ne permet pas d'obtenir cette tâche (inconnu, déjà utilisé ou expiré) : relancez "
            + "l'action depuis la page de la consultation pour obtenir une nouvelle tâche.")
    package static let invalidCredential = BearerRefused(
        message: "Cette autorisation n'est pas valable pour cette tâche (inconnue, expirée ou tâche terminée) : "
            + "relancez l'action depuis la page de la consultation.")
}
