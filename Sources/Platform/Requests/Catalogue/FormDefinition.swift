import PlatformKernel

/// The fields of a teleservice's form; a request's data holds one value per field key.
package struct FormDefinition: Codable, Sendable, Equatable {
    package struct Field: Codable, Sendable, Equatable {
        package enum Kind: String, Codable, Sendable {
            case text
            case date
            case number
            /// One value or several from a ``ParameterList`` named by `list`.
            case parameters
        }

        package var key: String
        package var label: String
        package var kind: Kind
        package var required: Bool = false
        /// The ``ParameterList`` name, for `.parameters`.
        package var list: String? = nil

        package init(key: String, label: String, kind: Kind, required: Bool = false, list: String? = nil) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
            self.list = list
        }
    }

    package var fields: [Field] = []

    package init(fields: [Field] = []) {
        self.fields = fields
    }

    /// What a field's key may be, said in French by ``keyRule``: an ASCII letter, then at most 63 ASCII
    /// letters, digits, « - » or « _ ». The key names the field's inputs on the citizen's form
    /// (`id="champ-<clé>"`, `name="champ.<clé>"`) and its value in a request's data; every path that writes
    /// a form (the JSON API, the management page) goes through ``validate()``.
    package static func isValidKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        guard let first = bytes.first, bytes.count <= 64, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F }
    }

    package static let keyRule =
        "doit commencer par une lettre et ne contenir que lettres sans accent, chiffres, « - » et « _ » (64 caractères au plus)"

    package func validate() throws(DomainError) {
        var keys: Set<String> = []
        for field in fields {
            guard Self.isValidKey(field.key) else {
                throw .invalidField(field: "Formulaire", reason: "la clé de champ « \(field.key) » \(Self.keyRule).")
            }
            guard keys.insert(field.key).inserted else {
                throw .invalidField(field: "Formulaire", reason: "la clé de champ « \(field.key) » est répétée.")
            }
            if field.kind == .parameters, field.list?.isEmpty ?? true {
                throw .invalidField(field: field.label, reason: "choisissez la liste de paramètres proposée.")
            }
        }
    }

    /// Checks `data` against the form: every required field filled, no unknown field, dates and numbers
    /// readable, parameter values among the keys of their list.
    package func check(_ data: [String: [String]], lists: [ParameterList]) throws(DomainError) {
        for key in data.keys where !fields.contains(where: { $0.key == key }) {
            throw .invalidField(field: key, reason: "ce champ n'est pas dans le formulaire.")
        }
        for field in fields {
            let values = (data[field.key] ?? []).filter { !$0.isEmpty }
            if values.isEmpty {
                if field.required { throw .invalidField(field: field.label, reason: "ce champ est obligatoire.") }
                continue
            }
            switch field.kind {
            case .text:
                break
            case .date:
                guard values.allSatisfy({ CivilDate(iso: $0) != nil }) else {
                    throw .invalidField(field: field.label, reason: "saisissez une date aaaa-mm-jj.")
                }
            case .number:
                guard values.allSatisfy({ Double($0) != nil }) else {
                    throw .invalidField(field: field.label, reason: "saisissez un nombre.")
                }
            case .parameters:
                guard let list = lists.first(where: { $0.name == field.list }) else {
                    throw .invalidField(field: field.label, reason: "la liste de paramètres n'existe plus.")
                }
                let keys = Set(list.entries.map(\.key))
                guard values.allSatisfy(keys.contains) else {
                    throw .invalidField(field: field.label, reason: "choisissez parmi les valeurs proposées.")
                }
                if list.presentation == .dropDown, values.count > 1 {
                    throw .invalidField(field: field.label, reason: "choisissez une seule valeur.")
                }
            }
        }
    }
}
