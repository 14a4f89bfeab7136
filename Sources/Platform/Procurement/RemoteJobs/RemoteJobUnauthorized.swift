import PlatformKernel

/// A job route refused for its bearer token or credential (401): unknown, expired, already claimed, of
/// another job, or of a job that is over. The message says what to do and never whether a job exists.
package struct RemoteJobUnauthorized: Error, Equatable, CustomStringConvertible {
    package let message: String

    package init(message: String) {
        self.message = message
    }

    package var description: String { message }

    package static let invalidToken = RemoteJobUnauthorized(
        message: "Ce jeton ne permet pas d'obtenir cette tâche (inconnu, déjà utilisé ou expiré) : relancez "
            + "l'action depuis la page de la consultation pour obtenir une nouvelle tâche.")
    package static let invalidCredential = RemoteJobUnauthorized(
        message: "Cette autorisation n'est pas valable pour cette tâche (inconnue, expirée ou tâche terminée) : "
            + "relancez l'action depuis la page de la consultation.")
    package static let missing = RemoteJobUnauthorized(
        message: "Les routes des tâches demandent un en-tête « Authorization: Bearer <jeton> » : "
            + "seul l'assistant qui a reçu la tâche peut les appeler.")
}
