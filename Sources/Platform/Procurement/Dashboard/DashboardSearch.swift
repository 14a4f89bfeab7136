import PlatformKernel

/// The « Tableau de bord » search: what the agent looks for among the consultations they may see; every
/// criterion left `nil` matches all. A plain rule with no I/O (``matches(_:isFavourite:)``).
package struct DashboardSearch: Sendable, Equatable {
    /// Part of the reference, ignoring case.
    package var reference: String?
    /// Words of the « Intitulé » or the « Objet », ignoring case and accents.
    package var text: String?
    package var state: ConsultationState?
    package var procedure: ProcedureType?
    /// The « service de rattachement ».
    package var serviceID: Int64?
    /// « Date limite de remise des plis » from the first second of `deadlineFrom` to the last of `deadlineTo`.
    package var deadlineFrom: Int64?
    package var deadlineTo: Int64?
    /// « Date de mise en ligne », likewise.
    package var onlineFrom: Int64?
    package var onlineTo: Int64?
    /// Only the favourites (★), chosen or automatic.
    package var favouritesOnly = false

    package init(
        reference: String? = nil, text: String? = nil, state: ConsultationState? = nil,
        procedure: ProcedureType? = nil, serviceID: Int64? = nil, deadlineFrom: Int64? = nil,
        deadlineTo: Int64? = nil, onlineFrom: Int64? = nil, onlineTo: Int64? = nil, favouritesOnly: Bool = false
    ) {
        self.reference = reference
        self.text = text
        self.state = state
        self.procedure = procedure
        self.serviceID = serviceID
        self.deadlineFrom = deadlineFrom
        self.deadlineTo = deadlineTo
        self.onlineFrom = onlineFrom
        self.onlineTo = onlineTo
        self.favouritesOnly = favouritesOnly
    }

    /// Whether any criterion is set.
    package var isFiltering: Bool { self != DashboardSearch() }

    /// Whether `consultation` meets every criterion.
    package func matches(_ consultation: Consultation, isFavourite: Bool) -> Bool {
        if let reference, !consultation.reference.value.uppercased().contains(reference.uppercased()) {
            return false
        }
        if let text {
            let haystack = ConsultationRow.fold(consultation.title + " " + consultation.object)
            let words = ConsultationRow.fold(text).split(whereSeparator: \.isWhitespace)
            guard words.allSatisfy({ haystack.contains($0) }) else { return false }
        }
        if let state, consultation.state != state { return false }
        if let procedure, consultation.procedureType != procedure { return false }
        if let serviceID, consultation.organisationID != serviceID { return false }
        if let deadlineFrom, consultation.deadline < deadlineFrom { return false }
        if let deadlineTo, consultation.deadline > deadlineTo { return false }
        if let onlineFrom, consultation.onlineFrom < onlineFrom { return false }
        if let onlineTo, consultation.onlineFrom > onlineTo { return false }
        if favouritesOnly && !isFavourite { return false }
        return true
    }

    /// The search of the page's query (`reference`, `texte`, `etat`, `procedure`, `service`, `limiteDu`,
    /// `limiteAu`, `miseEnLigneDu`, `miseEnLigneAu` as `aaaa-mm-jj` or `jj/mm/aaaa`, `favoris`).
    /// An unknown state, procedure or service is refused, as is a date that is not one or a range upside down.
    package init(query: [String: String]) throws(DomainError) {
        func value(_ name: String) -> String? {
            query[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        reference = value("reference")
        self.text = value("texte")
        if let raw = value("etat") {
            guard let state = ConsultationState(rawValue: raw) else {
                throw .invalidField(field: "étape", reason: "Choisissez une étape de la liste.")
            }
            self.state = state
        }
        if let raw = value("procedure") {
            guard let procedure = ProcedureType(rawValue: raw) else {
                throw .invalidField(field: "procédure", reason: "Choisissez une procédure de la liste.")
            }
            self.procedure = procedure
        }
        if let raw = value("service") {
            guard let id = Int64(raw) else {
                throw .invalidField(field: "service", reason: "Choisissez un service de la liste.")
            }
            serviceID = id
        }
        if let raw = value("limiteDu") { deadlineFrom = try Self.day(raw, field: "date limite du") }
        if let raw = value("limiteAu") { deadlineTo = try Self.day(raw, field: "date limite au") + Self.lastSecond }
        if let raw = value("miseEnLigneDu") { onlineFrom = try Self.day(raw, field: "mise en ligne du") }
        if let raw = value("miseEnLigneAu") {
            onlineTo = try Self.day(raw, field: "mise en ligne au") + Self.lastSecond
        }
        if let from = deadlineFrom, let to = deadlineTo, from > to {
            throw .invalidField(
                field: "date limite au", reason: "La fin de la période précède son début : inversez les dates.")
        }
        if let from = onlineFrom, let to = onlineTo, from > to {
            throw .invalidField(
                field: "mise en ligne au", reason: "La fin de la période précède son début : inversez les dates.")
        }
        favouritesOnly = value("favoris") != nil
    }

    /// The last second of a day (a day of a clock change is 23 or 25 hours: the bound is close enough).
    private static let lastSecond: Int64 = 86_399

    /// Midnight, Paris time, of a day typed `aaaa-mm-jj` (a date input) or `jj/mm/aaaa`.
    private static func day(_ text: String, field: String) throws(DomainError) -> Int64 {
        do {
            return try ParisTime.parse(text + " 00:00", field: field)
        } catch {
            throw .invalidField(field: field, reason: "Saisissez une date sous la forme jj/mm/aaaa.")
        }
    }
}
