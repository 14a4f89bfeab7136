/// A text input as `administration/input.mustache` shows it (or a text area, `administration/textarea`):
/// its label, the required marker, a hint and, on a refused form, the error beside it, tied to the input by
/// `aria-describedby`. Every property is stored and never optional, so a template never reads a value of an
/// enclosing section by mistake.
struct TextInputModel: Sendable {
    let id: String
    let name: String
    let label: String
    let type: String
    let value: String
    let required: Bool
    let hint: String
    let hasHint: Bool
    /// The reason of the refusal, beside the input.
    let message: String
    let invalid: Bool
    /// The hint's and the error's ids, for `aria-describedby`.
    let describedBy: String
    let hasDescription: Bool
    let maxLength: Int
    let hasMaxLength: Bool
    let autocomplete: String
    let hasAutocomplete: Bool
    let inputMode: String
    let hasInputMode: Bool

    init(
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
struct SelectInputModel: Sendable {
    let id: String
    let name: String
    let label: String
    let options: [Option]
    let required: Bool
    let hint: String
    let hasHint: Bool
    let message: String
    let invalid: Bool
    let describedBy: String
    let hasDescription: Bool

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    init(
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
struct FormRefusal: Sendable {
    /// The whole message, for the alert at the top of the page.
    let message: String
    /// The field the error names, lower-cased as `DomainError.invalidField` gives it; `nil` for the whole form.
    let field: String?
    /// What to fix, beside the field.
    let reason: String

    init(_ error: DomainError) {
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
    func error(for names: Set<String>) -> String? {
        guard let field, names.contains(field) else { return nil }
        return reason
    }
}
