import PlatformKernel

/// The public search of the essential data (« Données essentielles »): buyer, object, titulaire (name or SIRET),
/// the start of a CPV code and a range of notification dates; every criterion optional.
package struct ContractSearch: Sendable, Equatable {
    package var buyer: String?
    package var object: String?
    package var holder: String?
    package var cpvPrefix: String?
    package var from: CalendarDay?
    package var to: CalendarDay?
    package var limit = 200

    package init() {}

    /// Reads the page's query (`acheteur`, `objet`, `titulaire`, `cpv`, `du`, `au`); an unreadable criterion is
    /// refused with its field.
    package init(query: [String: String]) throws(DomainError) {
        func text(_ key: String) -> String? {
            let value = (query[key] ?? "").trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : String(value.prefix(200))
        }
        buyer = text("acheteur")
        object = text("objet")
        holder = text("titulaire")
        if let cpv = text("cpv") {
            guard cpv.count <= 8, cpv.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .invalidField(
                    field: "code cpv", reason: "Saisissez de 1 à 8 chiffres du début du code CPV (par exemple 45).")
            }
            cpvPrefix = cpv
        }
        if let from = text("du") { self.from = try CalendarDay(from, field: "notifié à partir du") }
        if let to = text("au") { self.to = try CalendarDay(to, field: "notifié jusqu'au") }
        if let from, let to, to < from {
            throw .invalidField(
                field: "notifié jusqu'au", reason: "Cette date doit suivre celle du début de la période.")
        }
    }

    package var hasCriteria: Bool {
        buyer != nil || object != nil || holder != nil || cpvPrefix != nil || from != nil || to != nil
    }
}
