/// A text input as `administration/input.mustache` shows it (or a text area, `administration/textarea`):
/// its label, the required marker, a hint and, on a refused form, the error beside it, tied to the input by
/// `aria-describedby`. Every property is stored and never optional, so a template never reads a value of an
/// enclosing section by mistake.
package struct TextInputModel: Sendable {
    package let id: String
    package let name: String
    package let label: String
    package let type: String
    package let value: String
    package let required: Bool
    package let hint: String
    package let hasHint: Bool
    /// The reason of the refusal, beside the input.
    package let message: String
    package let invalid: Bool
    /// The hint's and the error's ids, for `aria-describedby`.
    package let describedBy: String
    package let hasDescription: Bool
    package let maxLength: Int
    package let hasMaxLength: Bool
    package let autocomplete: String
    package let hasAutocomplete: Bool
    package let inputMode: String
    package let hasInputMode: Bool

    package init(
        id: String, name: String, label: String, type: String = "text", value: String = "", required: Bool = false,
        hint: String? = nil, error: String? = nil, maxLength: Int? = nil, autocomplete: String? = nil,
        inputMode: String? = nil
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.type = type
        self.value = value
        self.required = required
        self.hint = hint ?? ""
        hasHint = hint != nil
        message = error ?? ""
        invalid = error != nil
        describedBy = [hint.map { _ in "\(id)-aide" }, error.map { _ in "\(id)-erreur" }].compactMap { $0 }
            .joined(separator: " ")
        hasDescription = !describedBy.isEmpty
        self.maxLength = maxLength ?? 0
        hasMaxLength = maxLength != nil
        self.autocomplete = autocomplete ?? ""
        hasAutocomplete = autocomplete != nil
        self.inputMode = inputMode ?? ""
        hasInputMode = inputMode != nil
    }
}

/// A `select` as `administration/select.mustache` shows it, with the same label, hint and error as a text input.
package struct SelectInputModel: Sendable {
    package let id: String
    package let name: String
    package let label: String
    package let options: [Option]
    package let required: Bool
    package let hint: String
    package let hasHint: Bool
    package let message: String
    package let invalid: Bool
    package let describedBy: String
    package let hasDescription: Bool

    package struct Option: Sendable {
        package let value: String
        package let label: String
        package let selected: Bool

        package init(value: String, label: String, selected: Bool) {
            self.value = value
            self.label = label
            self.selected = selected
        }
    }

    package init(
        id: String, name: String, label: String, options: [(value: String, label: String)], selected: String?,
        required: Bool = false, hint: String? = nil, error: String? = nil
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.options = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
        self.required = required
        self.hint = hint ?? ""
        hasHint = hint != nil
        message = error ?? ""
        invalid = error != nil
        describedBy = [hint.map { _ in "\(id)-aide" }, error.map { _ in "\(id)-erreur" }].compactMap { $0 }
            .joined(separator: " ")
        hasDescription = !describedBy.isEmpty
    }
}

/// A form refused with a ``DomainError``: the message shown at the top of the page and, when the error names
/// a field, the reason shown beside that field.
package struct FormRefusal: Sendable {
    /// The whole message, for the alert at the top of the page.
    package let message: String
    /// The field the error names, lower-cased as `DomainError.invalidField` gives it; `nil` for the whole form.
    package let field: String?
    /// What to fix, beside the field.
    package let reason: String

    package init(_ error: DomainError) {
        message = error.description
        if case .invalidField(let field, let reason) = error {
            self.field = field.lowercased()
            self.reason = reason
        } else {
            field = nil
            reason = error.description
        }
    }

    /// The reason to show beside a field named by one of `names` (lower-case), if the error names it.
    package func error(for names: Set<String>) -> String? {
        guard let field, names.contains(field) else { return nil }
        return reason
    }
}
