/// Why « Mon compte » or « Mot de passe oublié » refused a form; each names the field it is about.
package enum AccountError {
    package static let wrongCurrentPassword = DomainError.invalidField(
        field: "mot de passe actuel", reason: "Ce n'est pas votre mot de passe actuel : saisissez-le à nouveau.")
    package static let confirmationDiffers = DomainError.invalidField(
        field: "confirmation",
        reason: "La confirmation ne reprend pas le nouveau mot de passe : saisissez-le deux fois.")
    package static let sameAsCurrent = DomainError.invalidField(
        field: "nouveau mot de passe", reason: "Choisissez un mot de passe différent de l'actuel.")
    package static let invalidLink = DomainError.invalidField(
        field: "lien",
        reason: "Ce lien n'est plus valable (déjà utilisé, expiré ou remplacé par un plus récent) : "
            + "demandez-en un nouveau depuis « Mot de passe oublié ».")
}
