import Hummingbird
import PlatformKernel

/// A teleservice's configuration page, `gestion/teleservices/{id}`, and its forms: `etat`, `nom`, `alertes`,
/// `formulaire`, `pieces`, `pieces/retirer`, `parametres`, `parametres/renommer`, `parametres/supprimer`,
/// `saisons`, `saisons/{season}/supprimer`.
/// Each change goes back to the page at its tab (303); a refused one shows the page with the reason and the
/// values typed, with the status of the API.
extension RequestManagementController {
    package func registerTeleservice(_ pages: RouterGroup<Context>) {
        pages.get("teleservices/:id", use: teleservice)
        pages.get("teleservices/:id/saisons/:season", use: season)
        action(pages, "etat", form: ManagementForms.Online.self) { id, agentID, form, _ in
            let online = try form.online()
            try await catalog.modifyTeleservice(id, by: agentID) { $0.online = online }
        }
        action(pages, "nom", form: ManagementForms.Name.self) { id, agentID, form, _ in
            try await catalog.renameTeleservice(id, to: form.nom ?? "", by: agentID)
        }
        action(pages, "alertes", form: ManagementForms.Quality.self) { id, agentID, form, _ in
            let quality = try form.quality()
            try await catalog.modifyTeleservice(id, by: agentID) { $0.qualityOfService = quality }
        }
        action(pages, "formulaire", form: ManagementForms.Definition.self) { id, agentID, form, _ in
            let lists = try await catalog.settings(of: id, for: agentID).lists.map(\.name)
            let definition = try FormDefinitionText.form(form.champs ?? "", lists: lists)
            try await catalog.modifyTeleservice(id, by: agentID) { $0.form = definition }
        }
        action(pages, "pieces", form: ManagementForms.Document.self) { id, agentID, form, _ in
            let document = try form.document()
            try await catalog.modifyTeleservice(id, by: agentID) { $0.requiredDocuments.append(document) }
        }
        action(pages, "pieces/retirer", anchor: "pieces", form: ManagementForms.Document.self) { id, agentID, form, _ in
            let document = form.piece ?? ""
            try await catalog.modifyTeleservice(id, by: agentID) { teleservice in
                guard let index = teleservice.requiredDocuments.firstIndex(of: document) else {
                    throw DomainError.notFound(what: "Pièce justificative")
                }
                teleservice.requiredDocuments.remove(at: index)
            }
        }
        action(pages, "parametres", form: ManagementForms.List.self) { id, agentID, form, _ in
            _ = try await catalog.saveList(try form.list(teleserviceID: id), by: agentID)
        }
        action(pages, "parametres/renommer", anchor: "parametres", form: ManagementForms.List.self) {
            id, agentID, form, _ in
            try await catalog.renameList(named: form.nom ?? "", to: form.nouveauNom ?? "", of: id, by: agentID)
        }
        action(pages, "parametres/supprimer", anchor: "parametres", form: ManagementForms.List.self) {
            id, agentID, form, _ in
            try await catalog.deleteList(named: form.nom ?? "", of: id, by: agentID)
        }
        action(pages, "saisons", form: ManagementForms.SeasonForm.self) { id, agentID, form, _ in
            let season = try form.season(teleserviceID: id)
            if let seasonID = season.id {
                try await requireSeason(seasonID, of: id, agentID: agentID)
                _ = try await catalog.modifySeason(season, by: agentID)
            } else {
                _ = try await catalog.addSeason(season, by: agentID)
            }
        }
        action(pages, "saisons/:season/supprimer", anchor: "saisons", form: ManagementForms.SeasonForm.self) {
            id, agentID, _, context in
            let seasonID = try context.parameters.require("season", as: Int64.self)
            try await requireSeason(seasonID, of: id, agentID: agentID)
            try await catalog.deleteSeason(seasonID, by: agentID)
        }
    }

    @Sendable package func teleservice(_ request: Request, context: Context) async throws -> Page<
        TeleserviceSettingsView
    > {
        try await teleservicePage(try Self.id(context), editing: nil, failure: nil, context: context)
    }

    @Sendable package func season(_ request: Request, context: Context) async throws -> Page<TeleserviceSettingsView> {
        try await teleservicePage(
            try Self.id(context), editing: try context.parameters.require("season", as: Int64.self), failure: nil,
            context: context)
    }

    /// A POST of the teleservice's page, its form decoded into `Form`; back to the page at `#anchor` (the
    /// form's own path by default), or the page again with the refusal.
    private func action<Form: Decodable & Sendable>(
        _ pages: RouterGroup<Context>, _ path: String, anchor: String? = nil, form: Form.Type,
        _ body: @escaping @Sendable (Int64, Int64, Form, Context) async throws -> Void
    ) {
        pages.post("teleservices/:id/\(path)") { request, context -> Response in
            let id = try Self.id(context)
            let (form, values) = try await URLEncodedFormDecoder.backOfficeWithValues(
                Form.self, from: request, context: context)
            do {
                try await body(id, context.signedIn.agent.id ?? 0, form, context)
                return .redirect(
                    to: "\(RequestManagement.root)/teleservices/\(id)#\(anchor ?? path)", type: .normal)
            } catch {
                guard let failure = ManagementFailure(section: path, error: error, values: values) else { throw error }
                return try await teleservicePage(id, editing: nil, failure: failure, context: context)
                    .response(status: failure.status, from: request, context: context)
            }
        }
    }

    /// The season must be one of the teleservice's (the service checks the right on its own teleservice).
    private func requireSeason(_ seasonID: Int64, of teleserviceID: Int64, agentID: Int64) async throws {
        guard try await catalog.seasons(of: teleserviceID, for: agentID).contains(where: { $0.id == seasonID }) else {
            throw DomainError.notFound(what: "Saison")
        }
    }

    private func teleservicePage(
        _ id: Int64, editing seasonID: Int64?, failure: ManagementFailure?, context: Context
    ) async throws -> Page<TeleserviceSettingsView> {
        let settings = try await catalog.settings(of: id, for: context.signedIn.agent.id ?? 0)
        var editing: Season?
        if let seasonID {
            guard let season = settings.seasons.first(where: { $0.id == seasonID }) else {
                throw DomainError.notFound(what: "Saison")
            }
            editing = season
        }
        return TeleserviceSettingsView.page(
            signedIn: context.signedIn, settings: settings, platformQuality: platformQuality, editingSeason: editing,
            failure: failure)
    }

    package static func id(_ context: Context) throws -> Int64 {
        try context.parameters.require("id", as: Int64.self)
    }
}
