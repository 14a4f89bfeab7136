import PlatformKernel

/// Who may withdraw a consultation's documents: anyone for a public consultation (an anonymous download is
/// recorded as such), only a signed-in company for one with restricted access.
package enum DocumentAccess {
    package static func checkWithdrawal(of consultation: Consultation, signedIn: Bool) throws(DomainError) {
        guard signedIn || consultation.accessCode == nil else {
            throw .forbidden(
                reason: "Cette consultation est à accès restreint : connectez-vous à l'espace entreprise pour "
                    + "télécharger ses documents.")
        }
    }
}
