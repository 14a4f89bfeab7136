import PlatformKernel

/// A list of values offered to citizens in forms ("paramètres"), managed by the category's managers:
/// e.g. the diets of the school restaurant.
package struct ParameterList: Codable, Sendable, Equatable {
    package enum Presentation: String, Codable, CaseIterable, Sendable {
        /// "Liste déroulante": one value.
        case dropDown = "drop-down"
        /// "Arbre case à cocher": several values, possibly nested.
        case checkboxTree = "checkbox-tree"
    }

    package struct Entry: Codable, Sendable, Equatable {
        package var key: String
        package var label: String
        /// The key of the entry this one is nested under, in a checkbox tree.
        package var parent: String? = nil

        package init(key: String, label: String, parent: String? = nil) {
            self.key = key
            self.label = label
            self.parent = parent
        }
    }

    package var id: Int64?
    package var teleserviceID: Int64
    package var name: String
    package var presentation: Presentation
    package var entries: [Entry]

    package init(id: Int64? = nil, teleserviceID: Int64, name: String, presentation: Presentation, entries: [Entry]) {
        self.id = id
        self.teleserviceID = teleserviceID
        self.name = name
        self.presentation = presentation
        self.entries = entries
    }

    /// The JSON names of the API (`teleserviceId`, as its other identifiers).
    package enum CodingKeys: String, CodingKey {
        case id
        case teleserviceID = "teleserviceId"
        case name, presentation, entries
    }

    /// Keys and labels are each unique in the list, as the seed asks; a parent must be an entry of the list.
    package func validate() throws(DomainError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(field: "Nom de la liste", reason: "saisissez un nom.")
        }
        var keys: Set<String> = []
        var labels: Set<String> = []
        for entry in entries {
            guard !entry.key.isEmpty, !entry.label.isEmpty else {
                throw .invalidField(field: "Paramètre", reason: "saisissez une clé et un libellé.")
            }
            guard keys.insert(entry.key).inserted, labels.insert(entry.label).inserted else {
                throw .invalidField(
                    field: "Paramètre", reason: "la clé « \(entry.key) » ou le libellé « \(entry.label) » existe déjà.")
            }
        }
        for entry in entries where entry.parent != nil {
            guard presentation == .checkboxTree, let parent = entry.parent, keys.contains(parent) else {
                throw .invalidField(
                    field: "Paramètre",
                    reason: "« \(entry.key) » : seul un arbre peut imbriquer, sous une clé de la liste.")
            }
        }
    }
}
