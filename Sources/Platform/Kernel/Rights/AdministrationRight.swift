/// An administration right (achatpublic.com manual, §2.4). An agent holds it on their own
/// organisation; it applies to the whole subtree below it, as the "sub-entity" rights say.
package enum AdministrationRight: String, Codable, CaseIterable, Sendable {
    case createUsers = "create-users"
    case createAdministrators = "create-administrators"
    case createSubEntities = "create-sub-entities"
    case createSubEntityUsers = "create-sub-entity-users"
    case createSubEntityAdministrators = "create-sub-entity-administrators"

    /// The label of the seed's "Administrateurs / Droits" screen.
    package var label: String {
        switch self {
        case .createUsers: "Créer des utilisateurs"
        case .createAdministrators: "Créer des administrateurs"
        case .createSubEntities: "Créer des sous-collectivités"
        case .createSubEntityUsers: "Créer des utilisateurs des sous-collectivités"
        case .createSubEntityAdministrators: "Créer des administrateurs des sous-collectivités"
        }
    }
}

/// A supervision right of the "Gestion" service (achatpublic.com manual, §2.2.2).
package enum ManagementRight: String, Codable, CaseIterable, Sendable {
    case viewPoints = "view-points"
    case viewStatistics = "view-statistics"
    case manageBranding = "manage-branding"

    /// The label of the seed's "Gestion" screen.
    package var label: String {
        switch self {
        case .viewPoints: "Visualiser les points"
        case .viewStatistics: "Visualiser les statistiques"
        case .manageBranding: "Gérer la personnalisation graphique"
        }
    }
}
