import PlatformKernel

/// One field of a citizen's fixed form (registration, sign-in, "Mon compte"…) as `frontoffice/input` shows
/// it: label, hint, the error beside it, and the input or the drop-down list. Its `id` is a constant of the
/// page, never a value typed by someone.
package struct InputField: Sendable {
    package let id: String
    package let name: String
    package let label: String
    /// `text`, `email`, `password`, `date`…; ignored for a drop-down list.
    package let type: String
    package let value: String
    package let required: Bool
    package let autocomplete: String
    package let hasAutocomplete: Bool
    package let hint: String
    package let hasHint: Bool
    package let error: String
    package let hasError: Bool
    /// Whether the input names its hint or error (`aria-describedby`).
    package let isDescribed: Bool
    package let isSelect: Bool
    package let options: [Option]

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

    /// A field named `name` (its `id` too unless given); a password's value is never sent back.
    /// `errorNames` are the names the services give this field in their errors (its label by default).
    package init(
        _ name: String, label: String, type: String = "text", value: String = "", required: Bool = true,
        autocomplete: String? = nil, hint: String? = nil, id: String? = nil, options: [Option]? = nil,
        refusal: RefusedForm? = nil, errorNames: [String]? = nil
    ) {
        self.id = id ?? name
        self.name = name
        self.label = label
        self.type = type
        self.value = type == "password" ? "" : value
        self.required = required
        self.autocomplete = autocomplete ?? ""
        hasAutocomplete = autocomplete != nil
        self.hint = hint ?? ""
        hasHint = hint != nil
        let concerned = refusal?.concerns(errorNames ?? [label]) ?? false
        error = concerned ? refusal?.reason ?? "" : ""
        hasError = concerned
        isDescribed = hint != nil || concerned
        isSelect = options != nil
        self.options = options ?? []
    }

    /// "Civilité": Mme or M.
    package static func civility(_ name: String = "civility", selected: String?, refusal: RefusedForm? = nil)
        -> InputField
    {
        InputField(
            name, label: "Civilité",
            options: Civility.allCases.map {
                Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == selected)
            },
            refusal: refusal)
    }

    /// The anchor of the alert at the top: the first of `fields` the refusal names.
    package static func alert(_ refusal: RefusedForm?, among fields: [InputField]) -> FormAlert? {
        guard let refusal else { return nil }
        return FormAlert(refusal, anchor: fields.first(where: \.hasError)?.id)
    }
}
