import Foundation
import FuzzDriver
import Hummingbird
import PlatformKernel
import Procurement
import Requests

// The platform's form decoding on any `application/x-www-form-urlencoded` body (or query string): the input,
// read as UTF-8 the way `String(buffer:)` reads a body, is
//   - read as `FormFields` (the ordered pairs of the role and right matrices and of the consultation form), then
//     into `ConsultationFormFields` and its draft, and checked against a teleservice's form definition;
//   - decoded by Hummingbird's `URLEncodedFormDecoder` into every form and query struct of the pages;
// then each decoded form goes through what its route does before storage when that is a pure function (the
// choices read into their enums, SIRET, password and e-mail rules, dates, the teleservice management forms, the
// search forms, the letter templates), with the round trips the management page relies on.

@main enum FuzzForms {
    static func main() { LibFuzzer.run(fuzzForms) }
}

func fuzzForms(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    fields(text)
    kernelForms(text)
    procurementForms(text)
    managementForms(text)
    backOfficeForms(text)
    frontOfficeForms(text)
}

func decode<Form: Decodable>(_ type: Form.Type, _ text: String) -> Form? {
    try? URLEncodedFormDecoder().decode(Form.self, from: text)
}

/// `FormFields`, and what reads it.
func fields(_ text: String) {
    let form = FormFields(text)
    for (name, value) in form.pairs {
        precondition(form[name] != nil)
        precondition(form.all(name).contains(value))
    }
    _ = form.all("agent").compactMap { Int64($0) }
    _ = form.all("role").compactMap(ProcurementRole.init(rawValue:))
    _ = try? ConsultationFormFields(form).draft()
    // A citizen's answers to a teleservice's form, checked against a small definition.
    var data: [String: [String]] = [:]
    for (name, value) in form.pairs where name != "_csrf" { data[name, default: []].append(value) }
    let list = ParameterList(
        teleserviceID: 1, name: "sports", presentation: .dropDown,
        entries: [.init(key: "foot", label: "Football", parent: nil), .init(key: "judo", label: "Judo", parent: nil)])
    if let definition = try? FormDefinitionText.form(
        "nom ; Nom ; texte ; obligatoire\nnaissance ; Date ; date\nage ; Âge ; nombre\nsport ; Sport ; liste:sports",
        lists: ["sports"])
    {
        _ = try? definition.check(data, lists: [list])
    }
}

func kernelForms(_ text: String) {
    _ = decode(OrganisationPagesController.CoordinatesForm.self, text)
    if let form = decode(OrganisationPagesController.ServiceForm.self, text) {
        _ = form.type.flatMap(OrganisationType.init(rawValue:))
    }
    if let form = decode(OrganisationPagesController.AgentForm.self, text) {
        _ = form.civility.flatMap(Civility.init(rawValue:))
        _ = try? PasswordPolicy.check(form.password ?? "")
    }
    if let form = decode(OrganisationPagesController.KeyForm.self, text) {
        _ = form.kind.flatMap(EncryptionKey.Kind.init(rawValue:))
    }
    _ = decode(APIModels.SignIn.self, text)
}

func procurementForms(_ text: String) {
    if let form = decode(CompanyPagesController.RegistrationForm.self, text) {
        _ = Civility(rawValue: form.civility)
        _ = try? PasswordPolicy.check(form.password)
        if let siret = try? SIRET(form.siret) { precondition((try? SIRET(siret.value)) == siret) }
    }
    _ = decode(ConsultationController.CommentForm.self, text)
    _ = decode(ConsultationController.ResetForm.self, text)
    _ = decode(ConsultationController.SuiteForm.self, text)
}

/// The teleservice management forms, into the domain's values.
func managementForms(_ text: String) {
    _ = decode(ManagementForms.Name.self, text)
    _ = try? decode(ManagementForms.Online.self, text)?.online()
    _ = decode(TeleserviceSettingsView.OnlineForm.self, text)
    if let quality = try? decode(ManagementForms.Quality.self, text)?.quality(), (try? quality.validate()) != nil {
        let filed = CivilDate(2026, 1, 5)
        _ = quality.level(filed: filed, today: filed.adding(days: 40))
    }
    _ = try? decode(ManagementForms.Document.self, text)?.document()
    _ = try? decode(ManagementForms.Right.self, text)?.right()
    _ = decode(CategoryRightsView.Form.self, text)
    _ = try? decode(ManagementForms.SeasonForm.self, text)?.season(teleserviceID: 1)
    var lists = ["sports"]
    if let form = decode(ManagementForms.List.self, text) {
        if let list = try? form.list(teleserviceID: 1) {
            lists.append(list.name)
            let again = try? ParameterEntriesText.entries(ParameterEntriesText.text(list.entries))
            precondition(again == list.entries, "the parameter values do not read back as written")
        }
    }
    if let champs = decode(ManagementForms.Definition.self, text)?.champs,
        let definition = try? FormDefinitionText.form(champs, lists: lists)
    {
        let again = try? FormDefinitionText.form(FormDefinitionText.text(definition), lists: lists)
        precondition(again == definition, "the form definition does not read back as written")
    }
}

func backOfficeForms(_ text: String) {
    if let query = decode(RequestSearchView.Query.self, text) { _ = try? BackOfficeController.search(query) }
    if let form = decode(BackOfficeController.StateForm.self, text) {
        _ = RequestState(rawValue: form.etat ?? "")
        _ = RequestDataState(rawValue: form.etat ?? "")
    }
    if let form = decode(BackOfficeController.FieldForm.self, text) {
        _ = (form.valeur ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    if let form = decode(BackOfficeController.NoteForm.self, text) { _ = RequestNote.Kind(rawValue: form.type ?? "") }
    if let form = decode(BackOfficeController.AttachForm.self, text) { _ = Int64(form.document ?? "") }
    if let form = decode(BackOfficeController.DocumentForm.self, text) {
        _ = form.validite.criterion.map { CivilDate(iso: $0) }
        _ = form.etat.flatMap(DocumentState.init(rawValue:))
    }
    _ = decode(BackOfficeController.LetterQuery.self, text)
    _ = decode(ContactView.Form.self, text)
    if let form = decode(LetterTemplatesView.Form.self, text) {
        let template = LetterTemplate(
            id: form.id.criterion.flatMap { Int64($0) }, name: form.nom ?? "", body: form.texte ?? "")
        if (try? template.validate()) != nil {
            _ = try? LetterText.render(template.body, values: BackOfficeController.sampleValues)
        }
    }
    if let query = decode(HouseholdSearchView.Query.self, text) {
        _ = query.numero.criterion.map { Int64($0) }
        _ = query.etat.criterion.flatMap(Household.State.init(rawValue:))
        _ = query.statut.criterion.flatMap(Household.Status.init(rawValue:))
    }
    if let form = decode(HouseholdView.StateForm.self, text) { _ = Household.State(rawValue: form.etat ?? "") }
    _ = decode(HouseholdPagesController.CounterQuery.self, text)
    _ = decode(NotificationPreferenceController.Query.self, text)
    if let form = decode(NotificationPreferenceView.Form.self, text) {
        _ = AgentNotifications.Preference(rawValue: form.choix ?? "")
    }
}

func frontOfficeForms(_ text: String) {
    if let form = decode(CitizenAccountView.Registration.self, text) {
        _ = form.civility.flatMap(Civility.init(rawValue:))
        _ = try? FrontOfficeService.checkEmail(form.email ?? "")
        _ = try? PasswordPolicy.check(form.password ?? "")
    }
    _ = decode(CitizenAccountView.SignIn.self, text)
    _ = decode(CitizenAccountView.ForgottenPassword.self, text)
    _ = decode(CitizenAccountView.NewPassword.self, text)
    if let form = decode(CitizenMemberView.Form.self, text),
        let member = try? FrontOfficeController.member(form, id: nil)
    {
        _ = try? member.validate()
    }
    if let form = decode(CitizenAccountSettingsView.Form.self, text) {
        _ = try? FrontOfficeService.checkEmail(form.email ?? "")
    }
    _ = decode(CitizenRequestView.ReplyForm.self, text)
}
