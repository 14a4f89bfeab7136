import PlatformKernel

/// « Démarches en ligne » (`/demarches`): the online teleservices by category, each a card with what it
/// needs and its « Faire la demande » button.
package struct CatalogueView: Sendable {
    package let categories: [Category]
    package let hasCategories: Bool
    /// Shows the invitation to sign in or create a household account.
    package let invitesToSignIn: Bool
    /// « Créer un compte foyer » on this entity's front office (`/citoyen/inscription?collectivite=ID`).
    package var registrationPath = "/citoyen/inscription"

    package init(categories: [Category], hasCategories: Bool, invitesToSignIn: Bool) {
        self.categories = categories
        self.hasCategories = hasCategories
        self.invitesToSignIn = invitesToSignIn
    }

    package struct Category: Sendable {
        package let id: Int64
        package let name: String
        package let teleservices: [Card]

        package init(id: Int64, name: String, teleservices: [Card]) {
            self.id = id
            self.name = name
            self.teleservices = teleservices
        }
    }

    package struct Card: Sendable {
        package let id: Int64
        package let name: String
        package let path: String
        package let description: String
        package let accountLabel: String
        package let accountBadge: String
        package let documents: String
        package let hasDocuments: Bool
        package let season: String
        package let hasSeason: Bool

        package init(
            id: Int64, name: String, path: String, description: String, accountLabel: String, accountBadge: String,
            documents: String, hasDocuments: Bool, season: String, hasSeason: Bool
        ) {
            self.id = id
            self.name = name
            self.path = path
            self.description = description
            self.accountLabel = accountLabel
            self.accountBadge = accountBadge
            self.documents = documents
            self.hasDocuments = hasDocuments
            self.season = season
            self.hasSeason = hasSeason
        }
    }

    package static func page(
        _ catalog: [(category: RequestCategory, teleservices: [Teleservice])], seasons: [Int64: [Season]],
        citizen: SignedInCitizen?, registrationPath: String = "/citoyen/inscription"
    ) -> Page<CatalogueView> {
        let categories = catalog.map { category, teleservices in
            Category(
                id: category.id ?? 0, name: category.name,
                teleservices: teleservices.map { card($0, seasons: seasons[$0.id ?? 0] ?? []) })
        }
        return Page(
            "frontoffice/catalogue", title: "Démarches en ligne", audience: .citizen, section: .requestsCatalogue,
            user: citizen?.banner,
            content: {
                var view = CatalogueView(
                    categories: categories, hasCategories: !categories.isEmpty, invitesToSignIn: citizen == nil)
                view.registrationPath = registrationPath
                return view
            }())
    }

    private static func card(_ teleservice: Teleservice, seasons: [Season]) -> Card {
        let id = teleservice.id ?? 0
        let documents = teleservice.requiredDocuments.map { "« \($0) »" }.joined(separator: ", ")
        let season = seasons.first.map {
            "Inscriptions ouvertes jusqu'au \($0.registrationCloses.french) (\($0.name))."
        }
        return Card(
            id: id, name: teleservice.name, path: "/demarches/\(id)",
            description: teleservice.requiresAccount
                ? "Pour vous ou un membre de votre foyer, avec votre compte foyer. Vous suivez ensuite la demande "
                    + "dans votre espace."
                : "Sans compte : vous indiquez vos nom et prénom, et vous recevez un numéro de demande.",
            accountLabel: teleservice.requiresAccount ? "Compte foyer nécessaire" : "Sans compte",
            accountBadge: teleservice.requiresAccount ? "badge--info" : "badge--success",
            documents: documents, hasDocuments: !documents.isEmpty, season: season ?? "", hasSeason: season != nil)
    }
}
