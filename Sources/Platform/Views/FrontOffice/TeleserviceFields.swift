/// The fields of a teleservice's form as `frontoffice/fields` shows them, filled with a request's values:
/// the citizen's form, the correction of an incomplete request, and the counter's form.
///
/// A field's key comes from the teleservice's definition, typed by a manager: it reaches the page only
/// through the template (`id="champ-{{key}}"`, `name="champ.{{key}}"`), escaped like any value.
struct TeleserviceFields: Sendable {
    let fields: [Field]
    let hasFields: Bool

    struct Field: Sendable {
        let key: String
        let label: String
        let required: Bool
        let hint: String
        let hasHint: Bool
        let error: String
        let hasError: Bool
        let isDescribed: Bool
        /// `text`, `date` or `number`, for an input.
        let inputType: String
        let isNumber: Bool
        let value: String
        let isInput: Bool
        /// A drop-down list of a parameter list: one value.
        let isSelect: Bool
        let options: [Option]
        /// A checkbox tree of a parameter list: several values, possibly nested.
        let isChoiceTree: Bool
        let choices: [Choice]
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// A checkbox of a tree (`frontoffice/choice`), named after its field's `key`, which it does not repeat.
    struct Choice: Sendable {
        let value: String
        let label: String
        let checked: Bool
        let children: [Choice]
        let hasChildren: Bool
    }

    /// The form's fields with `data` (values by field key); `refusal` puts its reason beside the field it
    /// names. A parameter field whose list is gone is left out.
    init(_ form: FormDefinition, lists: [ParameterList], data: [String: [String]], refusal: RefusedForm? = nil) {
        var errorShown = false
        fields = form.fields.compactMap { field in
            let values = data[field.key] ?? []
            var list: ParameterList?
            if field.kind == .parameters {
                list = lists.first { $0.name == field.list }
                if list == nil { return nil }
            }
            let isTree = list?.presentation == .checkboxTree
            let concerned = !errorShown && (refusal?.concerns([field.label, field.key]) ?? false)
            if concerned { errorShown = true }
            let hint = Self.hint(field.kind, tree: isTree)
            let entries = list?.entries ?? []
            return Field(
                key: field.key, label: field.label, required: field.required, hint: hint ?? "", hasHint: hint != nil,
                error: concerned ? refusal?.reason ?? "" : "", hasError: concerned,
                isDescribed: hint != nil || concerned,
                inputType: field.kind == .date ? "date" : field.kind == .number ? "number" : "text",
                isNumber: field.kind == .number, value: values.first ?? "", isInput: field.kind != .parameters,
                isSelect: list != nil && !isTree,
                options: isTree
                    ? [] : entries.map { Option(value: $0.key, label: $0.label, selected: values.contains($0.key)) },
                isChoiceTree: isTree,
                choices: isTree ? Self.choices(entries, parent: nil, checked: Set(values)) : [])
        }
        hasFields = !fields.isEmpty
    }

    /// The `key` of the field `refusal` names, for the alert's link (`#champ-…`).
    static func key(named refusal: RefusedForm?, in form: FormDefinition) -> String? {
        guard let refusal else { return nil }
        return form.fields.first { refusal.concerns([$0.label, $0.key]) }?.key
    }

    private static func hint(_ kind: FormDefinition.Field.Kind, tree: Bool) -> String? {
        switch kind {
        case .number: "Un nombre, par exemple 3."
        case .parameters: tree ? "Cochez une ou plusieurs réponses." : nil
        case .text, .date: nil
        }
    }

    private static func choices(_ entries: [ParameterList.Entry], parent: String?, checked: Set<String>) -> [Choice] {
        entries.filter { $0.parent == parent }.map { entry in
            let children = choices(entries, parent: entry.key, checked: checked)
            return Choice(
                value: entry.key, label: entry.label, checked: checked.contains(entry.key), children: children,
                hasChildren: !children.isEmpty)
        }
    }
}
