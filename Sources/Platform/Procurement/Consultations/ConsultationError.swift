import Foundation
import PlatformKernel

/// Why an action on a consultation was refused; the description, in French, tells the agent what to do.
package enum ConsultationError: Error, Equatable, CustomStringConvertible {
    /// The consultation is not in the state the action starts from.
    case wrongState(action: String, current: ConsultationState, expected: ConsultationState)
    /// The agent has no access to this consultation.
    case noAccess
    /// The agent lacks the right the action needs.
    case missingRight(action: String, right: String)
    /// Submission or validation after the deadline: nobody could answer any more.
    case deadlinePassed(deadline: Int64)
    /// Opening before the deadline.
    case deadlineNotReached(deadline: Int64)
    /// The decisions do not cover each lot exactly once.
    case incompleteDecision(reason: String)
    /// Changes are only possible while the consultation is in elaboration.
    case notEditable(state: ConsultationState)
    /// No consultation with this identifier or reference.
    case notFound(String)
    /// Another agent changed the consultation meanwhile.
    case concurrentChange

    package var description: String {
        switch self {
        case .wrongState(let action, let current, let expected):
            "Impossible de \(action) : la consultation est à l'étape « \(current.label) », cette action n'est possible qu'à l'étape « \(expected.label) »."
        case .noAccess:
            "Vous n'avez pas accès à cette consultation : demandez à son service de vous inviter."
        case .missingRight(let action, let right):
            "Vous n'avez pas le droit de \(action) : il faut l'habilitation « \(right) »."
        case .deadlinePassed(let deadline):
            "La date limite de remise des plis (\(ConsultationError.format(deadline))) est dépassée : renvoyez la consultation en élaboration et modifiez le calendrier."
        case .deadlineNotReached(let deadline):
            "L'ouverture n'est possible qu'à partir de la date limite de remise des plis (\(ConsultationError.format(deadline)))."
        case .incompleteDecision(let reason):
            "Décision incomplète : \(reason)"
        case .notEditable(let state):
            "La consultation est à l'étape « \(state.label) » : seule une consultation en élaboration peut être modifiée."
        case .notFound(let what):
            "Consultation introuvable (\(what)) : vérifiez la référence."
        case .concurrentChange:
            "La consultation vient d'être modifiée par un autre agent : rechargez la page et recommencez."
        }
    }

    /// A time as agents read it: `jj/mm/aaaa hh:mm:ss UTC`.
    /// A time as agents read it: Paris time, to the second.
    package static func format(_ seconds: Int64) -> String {
        FrenchTime.text(seconds) + " (heure de Paris)"
    }
}
