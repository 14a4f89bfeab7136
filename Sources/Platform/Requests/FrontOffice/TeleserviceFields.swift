import PlatformKernel

/// The fields of a teleservice's form as `frontoffice/fields` shows them, filled with a request's values:
/// the citizen's form, the correction of an incomplete request, and the counter's form.
///
/// A field's key comes from the teleservice's definition, typed by a manager: it reaches the page only
/// through the template (`id="champ-{{key}}"`, `name="champ.{{key}}"`), escaped like any value.
package struct TeleserviceFields: Sendable {
    package let fields: [Field]
    package let hasFields: Bool

    package struct Field: Sendable {
        package let key: String
        package let label: String
        package let required: Bool
        package let hint: String
        package let hasHint: Bool
        package let error: String
        package let hasError: Bool
        package let isDescribed: Bool
        /// `text`, `date` or `number`, for an input.
        package let inputType: String
        package let isNumber: Bool
        package let value: String
        package let isInput: Bool
        /// A drop-down list of a parameter list: one value.
        package let isSelect: Bool
        package let options: [Option]
        /// A checkbox tree of a parameter list: several values, possibly nested.
        package let isChoiceTree: Bool
        package let choices: [Choice]

        package init(
            key: String, label: String, required: Bool, hint: String, hasHint: Bool, error: String, hasError: Bool,
            isDescribed: Bool, inputType: String, isNumber: Bool, value: String, isInput: Bool, isSelect: Bool,
            options: [Option], isChoiceTree: Bool, choices: [Choice]
        ) {
            self.key = key
            self.label = label
            self.required = required
            self.hint = hint
            self.hasHint = hasHint
            self.error = error
            self.hasError = hasError
            self.isDescribed = isDescribed
            self.inputType = inputType
            self.isNumber = isNumber
            self.value = value
            self.isInput = isInput
            self.isSelect = isSelect
            self.options = options
            self.isChoiceTree = isChoiceTree
            self.choices = choices
        }
    }

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

    /// A checkbox of a tree (`frontoffice/choice`), named after its field's `key`, which it does not repeat.
    package struct Choice: Sendable {
        package let value: String
        package let label: String
        package let checked: Bool
        package let children: [Choice]
        package let hasChildren: Bool

        package init(value: String, label: String, checked: Bool, children: [Choice], hasChildren: Bool) {
            self.value = value
            self.label = label
            self.checked = checked
            self.children = children
            self.hasChildren = hasChildren
        }
    }

    /// The form's fields with `data` (values by field key); `refusal` puts its reason beside the field it
    /// names. A parameter field whose list is gone is left out.
    package init(_ form: FormDefinition, lists: [ParameterList], data: [String: [String]], refusal: RefusedForm? = nil)
    {
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
    package static func key(named refusal: RefusedForm?, in form: FormDefinition) -> String? {
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
