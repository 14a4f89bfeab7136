import HTTPTypes
import PlatformKernel

/// Why the platform refused what a citizen submitted: the French message for the top of the page and, when
/// the error names a field (``DomainError/invalidField(field:reason:)``), that field and what to fix there.
package struct RefusedForm: Sendable, Equatable {
    package let status: HTTPResponse.Status
    /// The whole message, "Date de naissance : ce champ est obligatoire.".
    package let message: String
    /// The field as the error names it (its label), `nil` when the message concerns the whole form.
    package let field: String?
    /// What to fix, said beside the field: "Ce champ est obligatoire.".
    package let reason: String

    package init(status: HTTPResponse.Status, message: String, field: String? = nil, reason: String = "") {
        self.status = status
        self.message = message
        self.field = field
        self.reason = reason
    }

    /// The refusal a citizen can act on, or `nil` for any other error (left to ``ErrorMiddleware``).
    package init?(_ error: any Error) {
        switch error {
        case let error as DomainError:
            if case .invalidField(let field, let reason) = error {
                self.init(status: error.status, message: error.description, field: field, reason: Self.sentence(reason))
            } else {
                self.init(status: error.status, message: error.description)
            }
        case let error as RequestError: self.init(status: error.status, message: error.description)
        case let error as MailError: self.init(status: .serviceUnavailable, message: error.description)
        default: return nil
        }
    }

    /// Whether the error names one of `names` (a field's label, or another name the services give it).
    package func concerns(_ names: [String]) -> Bool {
        guard let field else { return false }
        return names.contains(field)
    }

    /// "ce champ est obligatoire." → "Ce champ est obligatoire."
    private static func sentence(_ reason: String) -> String {
        guard let first = reason.first else { return reason }
        return first.uppercased() + reason.dropFirst()
    }
}

/// The alert at the top of a refused form (`frontoffice/alert`, `#erreurs`), with a link to the field it
/// names.
package struct FormAlert: Sendable {
    /// "Un champ est à corriger" when the error names a field, `""` otherwise.
    package let title: String
    package let hasTitle: Bool
    package let message: String
    /// The `id` of the field to go to, `""` when the message concerns the whole form.
    package let anchor: String
    package let hasAnchor: Bool

    package init(_ refusal: RefusedForm, anchor: String?) {
        title = refusal.field == nil ? "" : "Un champ est à corriger"
        hasTitle = refusal.field != nil
        message = refusal.message
        self.anchor = anchor ?? ""
        hasAnchor = anchor != nil
    }
}
