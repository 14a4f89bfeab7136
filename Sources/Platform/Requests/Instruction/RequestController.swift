import Foundation
import Hummingbird
import PlatformKernel

/// The agents' JSON API of citizens' requests, `/api/demarches/…`: task board, search, detail, opening
/// (lock), release and take-over, transitions, data and document states, notes.
package struct RequestController: Sendable {
    package let service: CitizenRequestService

    package init(service: CitizenRequestService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api/demarches", context: AgentRequestContext.self)
        api.get("taches") { _, context in
            RequestAPIModels.TaskBoard(try await mapped { try await service.taskBoard(for: agent(context)) })
        }
        api.get("demandes") { request, context in
            let search = try Self.search(request.uri.queryParameters)
            return RequestAPIModels.SummaryList(
                requests: try await mapped { try await service.search(search, for: agent(context)) }
                    .map(RequestAPIModels.Summary.init))
        }
        api.get("demandes/:id") { _, context in
            RequestAPIModels.Detail(
                try await mapped { try await service.detail(try id(context), for: agent(context)) })
        }
        api.post("demandes/:id/verrou") { _, context in
            RequestAPIModels.Detail(
                try await mapped { try await service.open(try id(context), by: agent(context)) })
        }
        api.delete("demandes/:id/verrou") { _, context in
            RequestAPIModels.Detail(
                try await mapped { try await service.release(try id(context), by: agent(context)) })
        }
        api.post("demandes/:id/verrou/reprise") { _, context in
            RequestAPIModels.Detail(
                try await mapped { try await service.takeOver(try id(context), by: agent(context)) })
        }
        api.post("demandes/:id/transitions") { request, context in
            let body = try await request.decode(as: RequestAPIModels.TransitionBody.self, context: context)
            return try await detail(context) {
                _ = try await service.transition(
                    try id(context), to: body.state, note: body.note, by: agent(context))
            }
        }
        api.put("demandes/:id/donnees/etat") { request, context in
            let body = try await request.decode(as: RequestAPIModels.DataStateBody.self, context: context)
            return try await detail(context) {
                _ = try await service.setDataState(try id(context), to: body.state, by: agent(context))
            }
        }
        api.put("demandes/:id/champs/:field") { request, context in
            let body = try await request.decode(as: RequestAPIModels.FieldBody.self, context: context)
            let field = try context.parameters.require("field")
            return try await detail(context) {
                _ = try await service.editField(
                    try id(context), key: field, values: body.values, by: agent(context))
            }
        }
        api.patch("demandes/:id/justificatifs/:document") { request, context in
            let body = try await request.decode(as: RequestAPIModels.DocumentChange.self, context: context)
            let document = try context.parameters.require("document", as: Int64.self)
            return RequestAPIModels.Document(
                try await mapped {
                    try await service.changeDocument(
                        try id(context), document: document, state: body.state, validUntil: body.validUntil,
                        comment: body.comment, by: agent(context))
                })
        }
        api.post("demandes/:id/justificatifs/:document") { _, context in
            let document = try context.parameters.require("document", as: Int64.self)
            return try await detail(context) {
                try await service.attachDocument(try id(context), document: document, by: agent(context))
            }
        }
        api.delete("demandes/:id/justificatifs/:document") { _, context in
            let document = try context.parameters.require("document", as: Int64.self)
            return try await detail(context) {
                try await service.detachDocument(try id(context), document: document, by: agent(context))
            }
        }
        api.post("demandes/:id/notes") { request, context in
            let body = try await request.decode(as: RequestAPIModels.NewNote.self, context: context)
            let note = try await mapped {
                try await service.addNote(try id(context), kind: body.kind, text: body.text, by: agent(context))
            }
            return EditedResponse(status: .created, response: RequestAPIModels.Note(note))
        }
    }

    private func agent(_ context: AgentRequestContext) -> Int64 {
        context.signedIn.authority.agentID
    }

    private func id(_ context: AgentRequestContext) throws -> Int64 {
        try context.parameters.require("id", as: Int64.self)
    }

    /// Runs a change, then answers with the request as the agent now sees it.
    private func detail(
        _ context: AgentRequestContext, _ body: () async throws -> Void
    ) async throws -> RequestAPIModels.Detail {
        try await mapped {
            try await body()
            return RequestAPIModels.Detail(try await service.detail(try id(context), for: agent(context)))
        }
    }

    /// Turns a ``RequestError`` into its HTTP status with the French reason.
    private func mapped<R>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as RequestError {
            throw HTTPError(error.status, message: error.description)
        }
    }

    /// Reads the search's query parameters: `demandeur`, `concerne`, `numero`, `foyer`, `du`, `au`
    /// (`aaaa-mm-jj`), `categorie`, `teleservice`, `etat`, `agent`, `qualite`, `tri`, `limite`.
    package static func search(_ parameters: Parameters) throws -> RequestSearch {
        func text(_ name: String) -> String? { parameters[Substring(name)].map(String.init) }
        func number(_ name: String) throws -> Int64? {
            guard let value = text(name) else { return nil }
            guard let number = Int64(value) else {
                throw HTTPError(.badRequest, message: "« \(name) » : saisissez un nombre.")
            }
            return number
        }
        func day(_ name: String) throws -> CivilDate? {
            guard let value = text(name) else { return nil }
            guard let date = CivilDate(iso: value) else {
                throw HTTPError(.badRequest, message: "« \(name) » : saisissez une date aaaa-mm-jj.")
            }
            return date
        }
        func value<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let value = text(name) else { return nil }
            guard let parsed = T(rawValue: value) else {
                throw HTTPError(.badRequest, message: "« \(name) » : valeur inconnue « \(value) ».")
            }
            return parsed
        }
        return RequestSearch(
            requester: text("demandeur"), subject: text("concerne"), number: text("numero"),
            householdID: try number("foyer"), from: try day("du"), to: try day("au"),
            categoryID: try number("categorie"), teleserviceID: try number("teleservice"),
            state: try value("etat", RequestState.self), lastAgentID: try number("agent"),
            quality: try value("qualite", QualityLevel.self),
            sort: try value("tri", RequestSearch.Sort.self) ?? .newest,
            limit: Int(try number("limite") ?? 50))
    }
}
