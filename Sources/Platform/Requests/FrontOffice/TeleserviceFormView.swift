import PlatformKernel

/// A teleservice's form (`/demarches/{id}`), in numbered parts: for whom (and the season), the answers of the
/// teleservice's own fields, the supporting documents (chosen from the household's space or joined here), a
/// message; « Déposer la demande » and, signed in, « Enregistrer en brouillon ». A refused form comes back
/// with its values, the reason at the top and beside the field it names.
package struct TeleserviceFormView: Sendable {
    package let action: String
    /// The teleservice needs a household account and nobody is signed in: an invitation instead of the form.
    package let needsAccount: Bool
    package let accountLabel: String
    package let accountBadge: String
    package let alert: FormAlert?
    package let notice: String?
    package let signedIn: Bool
    package let csrfToken: String
    package let draftID: String
    package let hasDraft: Bool
    /// For whom: the household's member, or the requester's and the concerned person's names; the season.
    package let who: [InputField]
    package let answers: TeleserviceFields
    package let answersNumber: String
    package let asksDocuments: Bool
    package let documentsNumber: String
    package let requiredDocuments: String
    package let documents: [DocumentChoice]
    package let hasDocuments: Bool
    package let upload: Upload?
    package let messageNumber: String
    package let note: String
    package let draftDays: String

    package init(
        action: String, needsAccount: Bool, accountLabel: String, accountBadge: String, alert: FormAlert?,
        notice: String?, signedIn: Bool, csrfToken: String, draftID: String, hasDraft: Bool, who: [InputField],
        answers: TeleserviceFields, answersNumber: String, asksDocuments: Bool, documentsNumber: String,
        requiredDocuments: String, documents: [DocumentChoice], hasDocuments: Bool, upload: Upload?,
        messageNumber: String, note: String, draftDays: String
    ) {
        self.action = action
        self.needsAccount = needsAccount
        self.accountLabel = accountLabel
        self.accountBadge = accountBadge
        self.alert = alert
        self.notice = notice
        self.signedIn = signedIn
        self.csrfToken = csrfToken
        self.draftID = draftID
        self.hasDraft = hasDraft
        self.who = who
        self.answers = answers
        self.answersNumber = answersNumber
        self.asksDocuments = asksDocuments
        self.documentsNumber = documentsNumber
        self.requiredDocuments = requiredDocuments
        self.documents = documents
        self.hasDocuments = hasDocuments
        self.upload = upload
        self.messageNumber = messageNumber
        self.note = note
        self.draftDays = draftDays
    }

    package struct DocumentChoice: Sendable {
        package let id: String
        package let label: String
        package let checked: Bool

        package init(id: String, label: String, checked: Bool) {
            self.id = id
            self.label = label
            self.checked = checked
        }
    }

    /// The « Joindre ce fichier » block (`frontoffice/attachment`, `/static/document-upload.js`).
    package struct Upload: Sendable {
        package let uploadURL: String
        package let csrfToken: String
        package let kinds: [String]
        package let maximumSize: String

        package init(kinds: [String], url: String, csrfToken: String) {
            uploadURL = url
            self.csrfToken = csrfToken
            self.kinds = kinds
            maximumSize = "\(FrontOfficeService.maximumDocumentSize >> 20) Mo"
        }
    }

    /// What the form posted, or a draft's values, shown again.
    package struct State: Sendable {
        package var data: [String: [String]] = [:]
        package var subjectID: Int64?
        package var requesterName = ""
        package var subjectName = ""
        package var documentIDs: Set<Int64> = []
        package var draftID: Int64?
        package var note = ""
        package var seasonID: Int64?
    }

    package static func page(
        _ teleservice: Teleservice, lists: [ParameterList], citizen: SignedInCitizen?, documents: [CitizenDocument],
        seasons: [Season], state: State, draftDays: Int64, refusal: RefusedForm? = nil, notice: String? = nil
    ) -> Page<TeleserviceFormView> {
        let id = teleservice.id ?? 0
        let who = whoFields(citizen: citizen, seasons: seasons, state: state, refusal: refusal)
        let answers = TeleserviceFields(teleservice.form, lists: lists, data: state.data, refusal: refusal)
        let asksDocuments = !teleservice.requiredDocuments.isEmpty
        var number = 1
        func next() -> String {
            number += 1
            return String(number)
        }
        let answersNumber = answers.hasFields ? next() : ""
        let documentsNumber = asksDocuments ? next() : ""
        let anchor =
            who.first(where: \.hasError)?.id
            ?? TeleserviceFields.key(named: refusal, in: teleservice.form).map { "champ-\($0)" }
        let view = TeleserviceFormView(
            action: "/demarches/\(id)", needsAccount: teleservice.requiresAccount && citizen == nil,
            accountLabel: teleservice.requiresAccount ? "Compte foyer nécessaire" : "Sans compte",
            accountBadge: teleservice.requiresAccount ? "badge--info" : "badge--success",
            alert: refusal.map { FormAlert($0, anchor: anchor) }, notice: notice, signedIn: citizen != nil,
            csrfToken: citizen?.csrfToken ?? "", draftID: state.draftID.map(String.init) ?? "",
            hasDraft: state.draftID != nil, who: who, answers: answers, answersNumber: answersNumber,
            asksDocuments: asksDocuments, documentsNumber: documentsNumber,
            requiredDocuments: teleservice.requiredDocuments.map { "« \($0) »" }.joined(separator: ", "),
            documents: documents.map {
                DocumentChoice(
                    id: String($0.id ?? 0), label: "\($0.kind) — \($0.fileName)",
                    checked: state.documentIDs.contains($0.id ?? 0))
            },
            hasDocuments: !documents.isEmpty,
            upload: citizen.map {
                Upload(kinds: teleservice.requiredDocuments, url: "/api/citoyen/documents", csrfToken: $0.csrfToken)
            },
            messageNumber: next(), note: state.note, draftDays: String(draftDays / 86_400))
        return Page(
            "frontoffice/form", title: teleservice.name, audience: .citizen, section: .requestsCatalogue,
            breadcrumbs: [Breadcrumb("Démarches en ligne", "/demarches"), Breadcrumb(teleservice.name)],
            user: citizen?.banner, scripts: asksDocuments && citizen != nil ? ["/static/document-upload.js"] : [],
            content: view)
    }

    private static func whoFields(citizen: SignedInCitizen?, seasons: [Season], state: State, refusal: RefusedForm?)
        -> [InputField]
    {
        var fields: [InputField] = []
        if let citizen {
            let chosen = state.subjectID ?? citizen.household.responsible?.id
            fields.append(
                InputField(
                    "beneficiaire", label: "Pour qui faites-vous cette demande ?",
                    hint: "Un membre manque ? Ajoutez-le depuis « Mon espace », rubrique « Mon foyer ».",
                    options: citizen.household.members.map {
                        .init(
                            value: String($0.id ?? 0), label: "\($0.civility.rawValue) \($0.fullName)",
                            selected: $0.id == chosen)
                    }, refusal: refusal, errorNames: ["Demandeur"]))
        } else {
            fields.append(
                InputField(
                    "demandeur", label: "Vos nom et prénom", value: state.requesterName, autocomplete: "name",
                    refusal: refusal, errorNames: ["Demandeur"]))
            fields.append(
                InputField(
                    "concerne", label: "Personne concernée", value: state.subjectName, required: false,
                    autocomplete: "off",
                    hint: "Si la demande concerne quelqu'un d'autre que vous (votre enfant, par exemple). "
                        + "Sinon, laissez vide.",
                    refusal: refusal))
        }
        if !seasons.isEmpty {
            let placeholder = InputField.Option(value: "", label: "Choisir la saison", selected: state.seasonID == nil)
            fields.append(
                InputField(
                    "saison", label: "Saison",
                    options: [placeholder]
                        + seasons.map {
                            .init(
                                value: String($0.id ?? 0),
                                label: "\($0.name) (inscriptions jusqu'au \($0.registrationCloses.french))",
                                selected: $0.id == state.seasonID)
                        }, refusal: refusal))
        }
        return fields
    }
}
