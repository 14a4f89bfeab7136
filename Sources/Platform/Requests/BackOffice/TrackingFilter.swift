import PlatformKernel

/// The filters of the tracking tables ("Les filtres permettent d'affiner les résultats présentés dans ces
/// graphiques et tableaux"): filing period, category, teleservice, state and last agent. They narrow the
/// three tables, their charts and their CSV exports alike, and travel in the page's address (a GET form).
package struct TrackingFilter: Sendable, Equatable {
    /// Filed on or after this day (Paris).
    package var from: CivilDate?
    /// Filed on or before this day (Paris).
    package var to: CivilDate?
    package var categoryID: Int64?
    package var teleserviceID: Int64?
    package var state: RequestState?
    package var lastAgentID: Int64?

    package init(
        from: CivilDate? = nil, to: CivilDate? = nil, categoryID: Int64? = nil, teleserviceID: Int64? = nil,
        state: RequestState? = nil, lastAgentID: Int64? = nil
    ) {
        self.from = from
        self.to = to
        self.categoryID = categoryID
        self.teleserviceID = teleserviceID
        self.state = state
        self.lastAgentID = lastAgentID
    }

    /// The form's fields as the address carries them; an empty field is no filter.
    package struct Query: Decodable, Sendable, Equatable {
        package var du: String?
        package var au: String?
        package var categorie: String?
        package var teleservice: String?
        package var etat: String?
        package var agent: String?

        package init(
            du: String? = nil, au: String? = nil, categorie: String? = nil, teleservice: String? = nil,
            etat: String? = nil, agent: String? = nil
        ) {
            self.du = du
            self.au = au
            self.categorie = categorie
            self.teleservice = teleservice
            self.etat = etat
            self.agent = agent
        }
    }

    /// The ids of the form's fields, by the French label a refusal names.
    package static let fieldIDs = [
        "Déposée du": "du", "Déposée au": "au", "Catégorie de services": "categorie", "Téléservice": "teleservice",
        "État de la demande": "etat", "Dernier agent intervenu": "agent",
    ]

    /// The filter the query asks for; a value that is not one the form offers is refused with the field's
    /// label and what to do (an end before the start too), as `DomainError.invalidField` (400).
    package init(_ query: Query) throws(DomainError) {
        func number(_ value: String?, _ label: String) throws(DomainError) -> Int64? {
            guard let value = value.criterion else { return nil }
            guard let number = Int64(value), number > 0 else {
                throw .invalidField(field: label, reason: "choisissez une valeur de la liste.")
            }
            return number
        }
        func day(_ value: String?, _ label: String) throws(DomainError) -> CivilDate? {
            guard let value = value.criterion else { return nil }
            guard let day = CivilDate(iso: value) else {
                throw .invalidField(field: label, reason: "saisissez une date valide, par exemple 01/04/2027.")
            }
            return day
        }
        from = try day(query.du, "Déposée du")
        to = try day(query.au, "Déposée au")
        if let from, let to, to < from {
            throw .invalidField(
                field: "Déposée au", reason: "saisissez une date de fin postérieure ou égale à la date de début.")
        }
        categoryID = try number(query.categorie, "Catégorie de services")
        teleserviceID = try number(query.teleservice, "Téléservice")
        if let state = query.etat.criterion {
            guard let known = RequestState(rawValue: state) else {
                throw .invalidField(field: "État de la demande", reason: "choisissez un état de la liste.")
            }
            self.state = known
        }
        lastAgentID = try number(query.agent, "Dernier agent intervenu")
    }

    /// The query that gives this filter back: the CSV links carry it.
    package var query: String {
        var query = URLComponentsQuery()
        if let from { query.append("du", from.iso) }
        if let to { query.append("au", to.iso) }
        if let categoryID { query.append("categorie", String(categoryID)) }
        if let teleserviceID { query.append("teleservice", String(teleserviceID)) }
        if let state { query.append("etat", state.rawValue) }
        if let lastAgentID { query.append("agent", String(lastAgentID)) }
        return query.text
    }

    package var isEmpty: Bool { self == TrackingFilter() }
}
