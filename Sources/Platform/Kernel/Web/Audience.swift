/// Who a page is for: it chooses the header's name, the main navigation and whether the page probes the
/// workstation's assistant.
package enum Audience: Sendable {
    /// Anyone: the home page, the public consultations, sign-in pages.
    case visitor
    /// A company's bidder, in "Espace entreprise".
    case company
    /// A public agent: buyers, administrators, request instructors.
    case agent
    /// A citizen and their household, on the requests' front office.
    case citizen

    /// The name in the header.
    package var siteName: String {
        switch self {
        case .citizen: "Sceau — démarches en ligne"
        default: "Sceau — plateforme des marchés publics"
        }
    }

    /// Where the header's name leads.
    package var homePath: String {
        switch self {
        case .visitor, .company: "/"
        case .agent: "/espace-agent"
        case .citizen: "/demarches"
        }
    }

    /// Whether the page shows "État de l'assistant": procurement pages sign, seal and open with it.
    package var usesAssistant: Bool { self != .citizen }

    /// The main navigation's items, in order; a citizen's depend on whether they are signed in.
    package func navigation(signedIn: Bool) -> [NavigationItem] {
        switch self {
        case .visitor, .company:
            [.home, .publicConsultations, .essentialData, .companySpace, .companyTools, .agentSpace]
        case .agent:
            [
                .agentSpace, .consultations, .contracts, .requestsBackOffice, .requestsManagement, .agentTools,
                .support,
            ]
        case .citizen:
            signedIn
                ? [.requestsCatalogue, .citizenSpace, .citizenDocuments]
                : [.requestsCatalogue, .citizenSignIn, .citizenRegistration]
        }
    }
}

/// An item of a main navigation.
package enum NavigationItem: Sendable, CaseIterable {
    case home, publicConsultations, companySpace, agentSpace
    /// « Outils du poste »: configuration test, signing and verifying through the assistant.
    case companyTools, agentTools
    /// « Support »: the agents' tickets to the platform's support.
    case support
    case consultations, requestsBackOffice, requestsManagement
    /// « Suivi des contrats » for agents; « Données essentielles », the public search of concluded contracts.
    case contracts, essentialData
    case requestsCatalogue, citizenSpace, citizenDocuments, citizenSignIn, citizenRegistration

    package var label: String {
        switch self {
        case .home: "Accueil"
        case .publicConsultations: "Rechercher une consultation"
        case .companySpace: "Espace entreprise"
        case .agentSpace: "Espace agent"
        case .companyTools, .agentTools: "Outils du poste"
        case .support: "Support"
        case .consultations: "Mes consultations"
        case .contracts: "Suivi des contrats"
        case .essentialData: "Données essentielles"
        case .requestsBackOffice: "Démarches des usagers"
        case .requestsManagement: "Gestion des démarches"
        case .requestsCatalogue: "Démarches en ligne"
        case .citizenSpace: "Mon espace"
        case .citizenDocuments: "Mes documents"
        case .citizenSignIn: "Se connecter"
        case .citizenRegistration: "Créer un compte foyer"
        }
    }

    /// The agents' pages of citizens' requests, which never sign nor seal: they do not probe the assistant.
    package var isCitizensRequests: Bool { self == .requestsBackOffice || self == .requestsManagement }

    /// The pages that never sign nor seal, so do not probe the assistant: the citizens' requests and « Support ».
    package var skipsAssistant: Bool { isCitizensRequests || self == .support }

    package var path: String {
        switch self {
        case .home: "/"
        case .publicConsultations: "/consultations-publiques"
        case .companySpace: "/entreprise"
        case .agentSpace: "/espace-agent"
        case .companyTools: "/entreprise/outils"
        case .agentTools: "/espace-agent/outils"
        case .support: "/espace-agent/support"
        case .consultations: "/consultations"
        case .contracts: "/espace-agent/contrats"
        case .essentialData: "/donnees-essentielles"
        case .requestsBackOffice: "/espace-agent/demarches"
        case .requestsManagement: "/espace-agent/demarches/gestion"
        case .requestsCatalogue: "/demarches"
        case .citizenSpace: "/citoyen"
        case .citizenDocuments: "/citoyen/documents"
        case .citizenSignIn: "/citoyen/connexion"
        case .citizenRegistration: "/citoyen/inscription"
        }
    }
}
