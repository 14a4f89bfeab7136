import Hummingbird

/// The administration API: organisations, agents, rights and roles (`/api/organisations…`, `/api/agents…`).
/// Every route needs a session; every right is checked by ``AdministrationService``.
package struct AdministrationController: Sendable {
    package let service: AdministrationService

    package init(service: AdministrationService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api", context: AgentRequestContext.self)
        api.get("organisations") { _, context in
            APIModels.OrganisationView(try await service.visibleTree(for: context.signedIn.authority))
        }
        api.post("organisations/:id/services") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.NewService.self, context: context)
            let created = try await service.createService(
                Organisation(
                    name: body.name, address: body.address ?? "", phone: body.phone ?? "", fax: body.fax ?? "",
                    type: body.type), under: try context.parameters.require("id", as: Int64.self), by: actor)
            return EditedResponse(
                status: .created, response: APIModels.OrganisationView(.init(organisation: created, services: [])))
        }
        api.patch("organisations/:id") { request, context in
            let actor = context.signedIn.authority
            let change = try await request.decode(as: APIModels.OrganisationChange.self, context: context)
            let saved = try await service.modify(try context.parameters.require("id", as: Int64.self), by: actor) {
                organisation in
                if let name = change.name { organisation.name = name }
                if let address = change.address { organisation.address = address }
                if let phone = change.phone { organisation.phone = phone }
                if let fax = change.fax { organisation.fax = fax }
            }
            return APIModels.OrganisationView(.init(organisation: saved, services: []))
        }
        api.delete("organisations/:id") { _, context in
            try await service.deleteService(
                try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
            return HTTPResponse.Status.noContent
        }
        api.get("organisations/:id/agents") { _, context in
            let agents = try await service.agents(
                of: try context.parameters.require("id", as: Int64.self), for: context.signedIn.authority)
            return agents.map { APIModels.AgentView($0.0, $0.1) }
        }
        api.post("organisations/:id/agents") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.NewAgent.self, context: context)
            let agent = Agent(
                organisationID: try context.parameters.require("id", as: Int64.self), civility: body.civility,
                lastName: body.lastName,
                firstName: body.firstName, email: body.email, login: body.login)
            let created = try await service.createAgent(agent, password: body.password, by: actor)
            return EditedResponse(
                status: .created,
                response: APIModels.AgentView(
                    created, AgentAuthority(agentID: created.id ?? 0, homeOrganisationID: created.organisationID)))
        }
        api.patch("agents/:id") { request, context in
            let actor = context.signedIn.authority
            let change = try await request.decode(as: APIModels.AgentChange.self, context: context)
            let saved = try await service.modifyAgent(try context.parameters.require("id", as: Int64.self), by: actor) {
                agent in
                if let civility = change.civility { agent.civility = civility }
                if let lastName = change.lastName { agent.lastName = lastName }
                if let firstName = change.firstName { agent.firstName = firstName }
                if let email = change.email { agent.email = email }
                if let login = change.login { agent.login = login }
            }
            return APIModels.AgentView(
                saved, AgentAuthority(agentID: saved.id ?? 0, homeOrganisationID: saved.organisationID))
        }
        api.delete("agents/:id") { _, context in
            try await service.deleteAgent(
                try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
            return HTTPResponse.Status.noContent
        }
        api.put("agents/:id/rights") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.Rights.self, context: context)
            try await service.setRights(
                of: try context.parameters.require("id", as: Int64.self), administration: body.administration,
                management: body.management, by: actor)
            return HTTPResponse.Status.noContent
        }
        api.put("agents/:id/roles/:serviceID") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.Roles.self, context: context)
            try await service.setRoles(
                of: try context.parameters.require("id", as: Int64.self),
                in: try context.parameters.require("serviceID", as: Int64.self),
                to: body.roles, by: actor)
            return HTTPResponse.Status.noContent
        }
    }
}
