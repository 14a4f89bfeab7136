import PlatformKernel

/// The workstation tools of « Mon Assistant Marchés Publics » the platform offers, each a page that talks to the
/// assistant on the workstation (`window.SceauAssistant`, `/static/assistant.js`).
package enum WorkstationTool: String, CaseIterable, Sendable {
    case configuration = "configuration"
    case signature = "signer"
    case verification = "verifier"

    package var title: String {
        switch self {
        case .configuration: "Tester la configuration du poste"
        case .signature: "Signer un document"
        case .verification: "Vérifier une signature"
        }
    }

    package var summary: String {
        switch self {
        case .configuration:
            "Vérifier que votre poste peut signer, déposer et ouvrir des plis : système, assistant, certificats, "
                + "lecteurs de cartes, navigateur, communication avec la plateforme."
        case .signature:
            "Signer un ou plusieurs fichiers avec votre certificat, au format PAdES (PDF), CAdES ou XAdES, puis "
                + "télécharger les fichiers signés."
        case .verification:
            "Contrôler une signature électronique : signataire, certificat, date et verdict, avec l'assistant ou "
                + "sur le serveur de la plateforme."
        }
    }

    package var template: String {
        switch self {
        case .configuration: "workstation/configuration"
        case .signature: "workstation/signature"
        case .verification: "workstation/verification"
        }
    }
}

/// Who reaches the tools, and where: agents under « Espace agent », companies under « Espace entreprise ».
package enum WorkstationSpace: Sendable {
    case agent
    case company

    /// The tools' index; each tool is below it (`/espace-agent/outils/signer`).
    package var base: String {
        switch self {
        case .agent: NavigationItem.agentTools.path
        case .company: NavigationItem.companyTools.path
        }
    }

    package var audience: Audience {
        switch self {
        case .agent: .agent
        case .company: .company
        }
    }

    package var section: NavigationItem {
        switch self {
        case .agent: .agentTools
        case .company: .companyTools
        }
    }

    package var root: Breadcrumb {
        switch self {
        case .agent: Breadcrumb("Espace agent", "/espace-agent")
        case .company: Breadcrumb("Espace entreprise", "/entreprise")
        }
    }
}
