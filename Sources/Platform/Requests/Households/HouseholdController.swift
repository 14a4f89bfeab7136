import Hummingbird
import PlatformKernel

/// "Rechercher un compte foyer" and the account's state, `/api/demarches/foyers…`, for agents.
package struct HouseholdController: Sendable {
    package let service: HouseholdService

    package init(service: HouseholdService) {
        self.service = service
    }

    package struct HouseholdList: Codable, Sendable, ResponseEncodable {
        package let households: [Household]

        package init(households: [Household]) {
            self.households = households
        }
    }

    package struct StateBody: Codable, Sendable {
        package let state: Household.State
        package let status: Household.Status

        package init(state: Household.State, status: Household.Status) {
            self.state = state
            self.status = status
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api/demarches", context: AgentRequestContext.self)
        api.get("foyers") { request, context in
            let parameters = request.uri.queryParameters
            func value<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
                guard let text = parameters[Substring(name)] else { return nil }
                guard let parsed = T(rawValue: String(text)) else {
                    throw HTTPError(.badRequest, message: "« \(name) » : valeur inconnue « \(text) ».")
                }
                return parsed
            }
            var number: Int64?
            if let text = parameters["numero"] {
                guard let parsed = Int64(text) else {
                    throw HTTPError(.badRequest, message: "« numero » : saisissez un nombre.")
                }
                number = parsed
            }
            return HouseholdList(
                households: try await service.search(
                    name: parameters["nom"].map(String.init), id: number,
                    state: try value("etat", Household.State.self), status: try value("statut", Household.Status.self),
                    by: context.signedIn.authority.agentID))
        }
        api.put("foyers/:id/etat") { request, context in
            let body = try await request.decode(as: StateBody.self, context: context)
            try await service.setState(
                body.state, status: body.status, of: try context.parameters.require("id", as: Int64.self),
                by: context.signedIn.authority.agentID)
            return HTTPResponse.Status.noContent
        }
    }
}
