import Foundation
import PlatformKernel

/// The alerts' wording: plain text in French, the consultation's reference, title and link, what happened;
/// never what a pli, a question or a message holds.
package enum AlertMails {
    package static func depositReceived(
        _ consultation: Consultation, companyName: String, at time: Int64, origin: String
    ) -> (subject: String, body: String) {
        (
            "Réponse électronique reçue — consultation \(consultation.reference.value)",
            body(
                consultation,
                "Une réponse électronique a été reçue sur la consultation suivie ci-dessous, de « \(companyName) », "
                    + "le \(FrenchTime.text(time)).", origin: origin)
        )
    }

    package static func questionReceived(
        _ consultation: Consultation, companyName: String, at time: Int64, origin: String
    ) -> (subject: String, body: String) {
        (
            "Question reçue — consultation \(consultation.reference.value)",
            body(
                consultation,
                "« \(companyName) » a posé une question le \(FrenchTime.text(time)) sur la consultation suivie "
                    + "ci-dessous. Lisez-la et répondez-y depuis l'onglet « Questions » de la consultation.",
                origin: origin)
        )
    }

    package static func awaitingValidation(_ consultation: Consultation, origin: String) -> (
        subject: String, body: String
    ) {
        (
            "Consultation en attente de validation — \(consultation.reference.value)",
            body(
                consultation,
                "La consultation suivie ci-dessous a été soumise : elle est en attente d'approbation ou de "
                    + "validation.", origin: origin)
        )
    }

    package static func closure(_ consultation: Consultation, summary: ClosureSummary, origin: String) -> (
        subject: String, body: String
    ) {
        var text =
            "La date limite de remise des plis de la consultation suivie ci-dessous est passée "
            + "(\(FrenchTime.text(consultation.deadline))) : la consultation est close.\n\n"
            + "Synthèse des dépôts électroniques : \(summary.plis) pli(s)"
        text +=
            summary.companies.isEmpty
            ? ".\n" : ", de :\n" + summary.companies.map { "- \($0)" }.joined(separator: "\n") + "\n"
        text +=
            "Synthèse des retraits : \(summary.withdrawals) retrait(s) du DCE, dont "
            + "\(summary.withdrawingCompanies) entreprise(s) identifiée(s)."
        return ("Clôture de la consultation \(consultation.reference.value)", body(consultation, text, origin: origin))
    }

    private static func body(_ consultation: Consultation, _ what: String, origin: String) -> String {
        let link =
            origin.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/consultations/\(consultation.id ?? 0)"
        return """
            Bonjour,

            \(what)

            Consultation : \(consultation.reference.value)
            Intitulé : \(consultation.title)
            Pour la voir : \(link)

            Vous recevez cette alerte parce que vous suivez cette consultation (vous l'avez créée, vous y êtes \
            invité(e) ou elle est dans vos favoris) et que vous l'avez choisie dans « Mon compte » > « Mes alertes \
            électroniques ».
            """ + "\n-- \nSceau, plateforme des marchés publics"
    }
}
