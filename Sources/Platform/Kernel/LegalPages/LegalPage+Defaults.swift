extension LegalPage {
    /// The text shipped with the platform, shown until an administrator saves one: paragraphs separated by
    /// a blank line, list items on lines starting with "- ".
    package var defaultText: String {
        switch self {
        case .legalNotice:
            """
            Cette plateforme est exploitée par l'organisme qui l'a installée. Ses coordonnées, le nom du directeur \
            de la publication et celles de l'hébergeur sont à compléter par l'administrateur de la plateforme.

            Le logiciel Sceau est un logiciel libre distribué sous licence EUPL-1.2.

            Les données personnelles recueillies servent uniquement à la passation des marchés publics et au \
            traitement des demandes ; vous pouvez exercer vos droits d'accès et de rectification auprès de \
            l'exploitant de la plateforme.
            """
        case .termsOfUse:
            """
            L'utilisation de la plateforme vaut acceptation des présentes conditions.

            Chaque utilisateur s'engage à :
            - fournir des informations exactes lors de son inscription ;
            - garder confidentiels ses identifiants et son certificat de signature ;
            - ne déposer que des documents exempts de virus.

            Les dépôts sont horodatés par la plateforme ; seule l'heure de la plateforme fait foi.
            """
        case .technicalRequirements:
            """
            Pour utiliser la plateforme, votre poste doit disposer de :
            - un navigateur récent : Firefox ou Chromium (ou un navigateur fondé sur Chromium) à jour ;
            - l'assistant sceau-assistant installé, pour signer et chiffrer vos documents ;
            - un lecteur de carte à puce ou un jeton USB lorsque votre certificat de signature y est stocké.

            L'état de l'assistant est affiché en haut des pages qui l'utilisent. En cas de difficulté, \
            vérifiez qu'il est lancé avant de recharger la page.
            """
        }
    }
}
