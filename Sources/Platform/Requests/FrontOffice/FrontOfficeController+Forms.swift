import Foundation
import Hummingbird
import PlatformKernel

/// « Démarches en ligne » and a teleservice's form: public pages (a teleservice may need no account), the
/// household's members, documents and drafts when signed in.
extension FrontOfficeController {
    @Sendable package func catalogue(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<CatalogueView>
    {
        let named = Self.namedEntity(request)
        let entity = try await service.frontOfficeEntity(named: named, household: context.citizen?.householdID)
        let catalog = try await service.onlineCatalog(of: entity)
        var seasons: [Int64: [Season]] = [:]
        for teleservice in catalog.flatMap(\.teleservices) {
            let id = teleservice.id ?? 0
            seasons[id] = try await service.openSeasons(of: id)
        }
        return CatalogueView.page(
            catalog, seasons: seasons, citizen: context.citizen,
            registrationPath: "/citoyen/inscription" + (named.map { "?collectivite=\($0)" } ?? ""))
    }

    @Sendable package func teleserviceForm(_ request: Request, context: PlatformRequestContext) async throws
        -> Page<TeleserviceFormView>
    {
        let (teleservice, lists) = try await service.onlineTeleservice(
            try Self.identifier(context), household: context.citizen?.householdID)
        var state = TeleserviceFormView.State()
        var documents: [CitizenDocument] = []
        if let citizen = context.citizen {
            documents = try await HouseholdService(database: service.database).documents(of: citizen.householdID)
            if let draftID = request.uri.queryParameters["brouillon"].flatMap({ Int64(String($0)) }) {
                let draft = try await service.draft(draftID, household: citizen.householdID)
                state.data = draft.data
                state.subjectID = draft.subjectID
                state.draftID = draft.id
            }
        }
        return TeleserviceFormView.page(
            teleservice, lists: lists, citizen: context.citizen, documents: documents,
            seasons: try await service.openSeasons(of: teleservice.id ?? 0), state: state,
            draftDays: service.settings.draftLifetime)
    }

    /// Files the request (« Déposer la demande ») or saves the draft (« Enregistrer en brouillon »); a refused
    /// form comes back with its values and the reason.
    @Sendable package func fileRequest(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let (teleservice, lists) = try await service.onlineTeleservice(
            try Self.identifier(context), household: context.citizen?.householdID)
        let form = try await Self.formFields(request, context: context)
        let citizen = context.citizen
        let state = Self.formState(form, teleservice: teleservice)
        let seasons = try await service.openSeasons(of: teleservice.id ?? 0)
        var documents: [CitizenDocument] = []
        if let citizen {
            documents = try await HouseholdService(database: service.database).documents(of: citizen.householdID)
        }
        func page(_ state: TeleserviceFormView.State, refusal: RefusedForm? = nil, notice: String? = nil)
            -> Page<TeleserviceFormView>
        {
            TeleserviceFormView.page(
                teleservice, lists: lists, citizen: citizen, documents: documents, seasons: seasons, state: state,
                draftDays: service.settings.draftLifetime, refusal: refusal, notice: notice)
        }
        do {
            if teleservice.requiresAccount, citizen == nil {
                throw DomainError.forbidden(reason: "Connectez-vous à votre compte foyer pour faire cette demande.")
            }
            if form["action"] == "brouillon" {
                guard let citizen else {
                    throw DomainError.forbidden(reason: "Connectez-vous à votre compte foyer pour garder un brouillon.")
                }
                var saved = state
                saved.draftID =
                    try await service.saveDraft(
                        state.draftID, teleservice: teleservice.id ?? 0, subject: state.subjectID, data: state.data,
                        household: citizen.householdID
                    ).id
                let days = service.settings.draftLifetime / 86_400
                return try page(
                    saved,
                    notice: "Brouillon enregistré : retrouvez-le dans votre espace, il est conservé \(days) jours."
                ).response(from: request, context: context)
            }
            let filed = try await service.requests.file(
                CitizenRequestService.Filing(
                    teleserviceID: teleservice.id ?? 0, householdID: citizen?.householdID,
                    subjectID: citizen == nil ? nil : state.subjectID,
                    requesterName: citizen == nil ? state.requesterName : nil,
                    subjectName: citizen == nil && !state.subjectName.isEmpty ? state.subjectName : nil,
                    seasonID: seasons.isEmpty ? nil : state.seasonID, data: state.data,
                    documentIDs: citizen == nil ? [] : Array(state.documentIDs).sorted(), note: state.note))
            if let draftID = state.draftID, let citizen {
                try? await service.deleteDraft(draftID, household: citizen.householdID)
            }
            var filedPage = FiledRequestView.page(filed, teleservice: teleservice.name, citizen: citizen)
            // The request is filed whatever happens here: a payment that cannot be opened is not shown.
            if let payment = (try? await payments?.open(for: filed)) ?? nil {
                filedPage.content.hasPayment = true
                filedPage.content.paymentAmount = PaymentAmount.text(payment.amount)
                filedPage.content.paymentPath = "/demarches/paiements/\(payment.reference)"
            }
            return try filedPage.response(from: request, context: context)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try page(state, refusal: refusal).response(status: refusal.status, from: request, context: context)
        }
    }

    /// The form's values: `champ.<clé>` per field (repeated for checkboxes), the subject, the requester's
    /// names without account, the chosen documents, the draft.
    package static func formState(_ form: FormFields, teleservice: Teleservice) -> TeleserviceFormView.State {
        var state = TeleserviceFormView.State()
        state.data = data(form, teleservice: teleservice)
        state.subjectID = form["beneficiaire"].flatMap { Int64($0) }
        state.requesterName = (form["demandeur"] ?? "").trimmingCharacters(in: .whitespaces)
        state.subjectName = (form["concerne"] ?? "").trimmingCharacters(in: .whitespaces)
        state.documentIDs = Set(form.all("document").compactMap { Int64($0) })
        state.draftID = form["brouillon"].flatMap { Int64($0) }
        state.note = form["note"] ?? ""
        state.seasonID = form["saison"].flatMap { Int64($0) }
        return state
    }

    package static func data(_ form: FormFields, teleservice: Teleservice) -> [String: [String]] {
        var data: [String: [String]] = [:]
        for field in teleservice.form.fields {
            let values = form.all("champ.\(field.key)").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            if !values.isEmpty { data[field.key] = values }
        }
        return data
    }
}
