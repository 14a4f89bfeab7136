import PlatformKernel

/// A season of a teleservice ("saison"), e.g. the 2027-2028 school year: registrations are open during its
/// registration period, agents may validate from `validationFrom`, and the season runs from `start` to `end`.
package struct Season: Codable, Sendable, Equatable {
    package var id: Int64?
    package var teleserviceID: Int64
    package var name: String
    package var registrationOpens: CivilDate
    package var registrationCloses: CivilDate
    /// "La date à laquelle l'agent pourra passer les demandes en état valide ou supérieur".
    package var validationFrom: CivilDate
    package var start: CivilDate
    package var end: CivilDate

    package init(
        id: Int64? = nil, teleserviceID: Int64, name: String, registrationOpens: CivilDate,
        registrationCloses: CivilDate, validationFrom: CivilDate, start: CivilDate, end: CivilDate
    ) {
        self.id = id
        self.teleserviceID = teleserviceID
        self.name = name
        self.registrationOpens = registrationOpens
        self.registrationCloses = registrationCloses
        self.validationFrom = validationFrom
        self.start = start
        self.end = end
    }

    /// The JSON names of the API (`teleserviceId`, as its other identifiers).
    package enum CodingKeys: String, CodingKey {
        case id
        case teleserviceID = "teleserviceId"
        case name, registrationOpens, registrationCloses, validationFrom, start, end
    }

    package func validate() throws(RequestError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidSeason("saisissez un nom.") }
        guard registrationOpens <= registrationCloses else {
            throw .invalidSeason("la clôture des inscriptions doit suivre leur ouverture.")
        }
        guard start <= end else { throw .invalidSeason("la fin de la saison doit suivre son début.") }
    }

    package func acceptsRegistrations(on day: CivilDate) -> Bool {
        registrationOpens <= day && day <= registrationCloses
    }

    /// Refuses `self` if it overlaps another season of the same teleservice, or if the registration periods
    /// overlap (both bounds included): "deux saisons pour un même téléservice ne peuvent pas se chevaucher,
    /// ainsi que leur période d'inscription".
    package func checkNoOverlap(with others: [Season]) throws(RequestError) {
        for other in others where other.teleserviceID == teleserviceID && (id == nil || other.id != id) {
            if start <= other.end && other.start <= end {
                throw .seasonOverlap(season: name, other: other.name, period: "saison")
            }
            if registrationOpens <= other.registrationCloses && other.registrationOpens <= registrationCloses {
                throw .seasonOverlap(season: name, other: other.name, period: "période d'inscription")
            }
        }
    }
}
