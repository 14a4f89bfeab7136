/// The parts of the citizens' form that the counter's page (`CounterRequestPage`, not yet on the templates)
/// still inserts into its HTML: rendered by the same templates as the citizens' pages, every value escaped.
/// Once the counter's page is a template, it includes `frontoffice/fields` and `frontoffice/attachment`
/// itself and this goes.
enum FrontOfficePages {
    /// The inputs of a teleservice's form, filled with `data` (`frontoffice/fields`).
    static func fields(_ form: FormDefinition, lists: [ParameterList], data: [String: [String]]) -> String {
        render(TeleserviceFields(form, lists: lists, data: data), "frontoffice/fields")
    }

    /// « Joindre ce fichier » (`frontoffice/attachment`) and its script: the file goes to `uploadTo` and comes
    /// back checked in `#pieces`, the form's other fields kept.
    static func attachment(_ kinds: [String], uploadTo url: String, csrfToken: String) -> String {
        render(TeleserviceFormView.Upload(kinds: kinds, url: url, csrfToken: csrfToken), "frontoffice/attachment")
            + "<script src=\"/static/document-upload.js\" defer></script>\n"
    }

    private static func render(_ model: some Sendable, _ template: String) -> String {
        guard let html = PageRenderer.standard.library.render(model, withTemplate: template) else {
            fatalError("No template named \(template) among the platform's templates.")
        }
        return html
    }
}
