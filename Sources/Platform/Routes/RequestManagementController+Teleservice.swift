import Hummingbird

/// A teleservice's configuration page, `gestion/teleservices/{id}`, and its forms: `etat`, `nom`, `alertes`,
/// `formulaire`, `pieces`, `pieces/retirer`, `parametres`, `parametres/renommer`, `parametres/supprimer`,
/// `saisons`, `saisons/{season}/supprimer`.
/// Each change goes back to the page (303); a refused one shows the page with the reason and the values
/// typed, with the status of the API.
extension RequestManagementController {
    func registerTeleservice(_ pages: RouterGroup<PlatformRequestContext>) {
        pages.get("teleservices/:id") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await teleservicePage(
                signedIn, try Self.id(context), editing: nil, failure: nil, status: .ok, request, context)
        }
        pages.get("teleservices/:id/saisons/:season") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await teleservicePage(
                signedIn, try Self.id(context), editing: try context.parameters.require("season", as: Int64.self),
                failure: nil, status: .ok, request, context)
        }
        action(pages, "etat", section: "etat") { id, agentID, form, _ in
            let online = try ManagementForms.online(form)
            try await catalog.modifyTeleservice(id, by: agentID) { $0.online = online }
        }
        action(pages, "nom", section: "nom") { id, agentID, form, _ in
            try await catalog.renameTeleservice(id, to: form["nom"] ?? "", by: agentID)
        }
        action(pages, "alertes", section: "alertes") { id, agentID, form, _ in
            let quality = try ManagementForms.quality(form)
            try await catalog.modifyTeleservice(id, by: agentID) { $0.qualityOfService = quality }
        }
        action(pages, "formulaire", section: "formulaire") { id, agentID, form, _ in
            let lists = try await catalog.settings(of: id, for: agentID).lists.map(\.name)
            let definition = try FormDefinitionText.form(form["champs"] ?? "", lists: lists)
            try await catalog.modifyTeleservice(id, by: agentID) { $0.form = definition }
        }
        action(pages, "pieces", section: "pieces") { id, agentID, form, _ in
            let document = try ManagementForms.document(form)
            try await catalog.modifyTeleservice(id, by: agentID) { $0.requiredDocuments.append(document) }
        }
        action(pages, "pieces/retirer", section: "pieces") { id, agentID, form, _ in
            let document = form["piece"] ?? ""
            try await catalog.modifyTeleservice(id, by: agentID) { teleservice in
                guard let index = teleservice.requiredDocuments.firstIndex(of: document) else {
                    throw DomainError.notFound(what: "Pièce justificative")
                }
                teleservice.requiredDocuments.remove(at: index)
            }
        }
        action(pages, "parametres", section: "parametres") { id, agentID, form, _ in
            _ = try await catalog.saveList(try ManagementForms.list(form, teleserviceID: id), by: agentID)
        }
        action(pages, "parametres/renommer", section: "parametres") { id, agentID, form, _ in
            try await catalog.renameList(named: form["nom"] ?? "", to: form["nouveau-nom"] ?? "", of: id, by: agentID)
        }
        action(pages, "parametres/supprimer", section: "parametres") { id, agentID, form, _ in
            try await catalog.deleteList(named: form["nom"] ?? "", of: id, by: agentID)
        }
        action(pages, "saisons", section: "saisons") { id, agentID, form, _ in
            let season = try ManagementForms.season(form, teleserviceID: id)
            if let seasonID = season.id {
                try await requireSeason(seasonID, of: id, agentID: agentID)
                _ = try await catalog.modifySeason(season, by: agentID)
            } else {
                _ = try await catalog.addSeason(season, by: agentID)
            }
        }
        action(pages, "saisons/:season/supprimer", section: "saisons") { id, agentID, _, context in
            let seasonID = try context.parameters.require("season", as: Int64.self)
            try await requireSeason(seasonID, of: id, agentID: agentID)
            try await catalog.deleteSeason(seasonID, by: agentID)
        }
    }

    /// A POST of the teleservice's page.
    private func action(
        _ pages: RouterGroup<PlatformRequestContext>, _ path: String, section: String,
        _ body: @escaping @Sendable (Int64, Int64, FormFields, PlatformRequestContext) async throws -> Void
    ) {
        pages.post("teleservices/:id/\(path)") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try Self.id(context)
            let form = try await FormFields.read(request, context: context)
            do {
                try await body(id, signedIn.agent.id ?? 0, form, context)
                return .redirect(to: "\(RequestManagement.root)/teleservices/\(id)#\(section)", type: .normal)
            } catch {
                guard let refusal = Self.refusal(error) else { throw error }
                return try await teleservicePage(
                    signedIn, id, editing: nil,
                    failure: ManagementFailure(
                        section: section, message: refusal.message, values: ManagementForms.values(form)),
                    status: refusal.status, request, context)
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
        _ signedIn: SignedInAgent, _ id: Int64, editing seasonID: Int64?, failure: ManagementFailure?,
        status: HTTPResponse.Status, _ request: Request, _ context: PlatformRequestContext
    ) async throws -> Response {
        let settings = try await catalog.settings(of: id, for: signedIn.agent.id ?? 0)
        var editing: Season?
        if let seasonID {
            guard let season = settings.seasons.first(where: { $0.id == seasonID }) else {
                throw DomainError.notFound(what: "Saison")
            }
            editing = season
        }
        return try Self.page(
            TeleserviceSettingsPage(
                csrfToken: signedIn.csrfToken, settings: settings, platformQuality: platformQuality,
                editingSeason: editing, failure: failure
            ).render(), status: status, request, context)
    }

    private static func id(_ context: PlatformRequestContext) throws -> Int64 {
        try context.parameters.require("id", as: Int64.self)
    }
}
