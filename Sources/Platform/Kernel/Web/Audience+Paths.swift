extension Audience {
    /// The audience of a page path, for pages rendered without their controller (errors).
    package static func of(path: String) -> Audience {
        func under(_ prefix: String) -> Bool { path == prefix || path.hasPrefix(prefix + "/") }
        if under("/espace-agent") || under("/consultations") || under("/connexion") { return .agent }
        if under("/entreprise") || under("/consultations-publiques") { return .company }
        if under("/citoyen") || under("/demarches") { return .citizen }
        return .visitor
    }

    /// The sign-in page of the audience, for a page that needs a session.
    package var signIn: (label: String, path: String) {
        switch self {
        case .agent: ("Se connecter à l'espace agent", "/connexion")
        case .company: ("Se connecter à l'espace entreprise", "/entreprise/connexion")
        case .citizen: ("Se connecter à mon espace", "/citoyen/connexion")
        case .visitor: ("Se connecter à l'espace agent", "/connexion")
        }
    }

    /// Where the audience starts again after a refusal.
    package var start: (label: String, path: String) {
        switch self {
        case .agent: ("Retour à l'espace agent", "/espace-agent")
        case .company: ("Retour à l'espace entreprise", "/entreprise")
        case .citizen: ("Retour aux démarches en ligne", "/demarches")
        case .visitor: ("Retour à l'accueil", "/")
        }
    }
}
