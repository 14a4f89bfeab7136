import Hummingbird
import PlatformKernel

/// The configuration of the requests, `/api/demarches/…`: categories and rights (administrators),
/// teleservices with their online switch and quality of service, seasons, parameter lists (managers).
package struct RequestCatalogController: Sendable {
    package let service: RequestCatalogService

    package init(service: RequestCatalogService) {
        self.service = service
    }

    package struct CategoryView: Codable, Sendable, ResponseEncodable {
        package let id: Int64
        package let name: String
        package let right: CategoryRight

        package init(id: Int64, name: String, right: CategoryRight) {
            self.id = id
            self.name = name
            self.right = right
        }
    }

    package struct CategoryList: Codable, Sendable, ResponseEncodable {
        package let categories: [CategoryView]

        package init(categories: [CategoryView]) {
            self.categories = categories
        }
    }

    package struct NewCategory: Codable, Sendable {
        package let name: String

        package init(name: String) {
            self.name = name
        }
    }

    /// `PUT /api/demarches/teleservices/{id}/categorie`: the category the teleservice moves to.
    package struct NewTeleserviceCategory: Codable, Sendable {
        package let categoryId: Int64

        package init(categoryId: Int64) {
            self.categoryId = categoryId
        }
    }

    package struct RightBody: Codable, Sendable {
        package let right: CategoryRight

        package init(right: CategoryRight) {
            self.right = right
        }
    }

    package struct TeleserviceList: Codable, Sendable, ResponseEncodable {
        package let teleservices: [Teleservice]

        package init(teleservices: [Teleservice]) {
            self.teleservices = teleservices
        }
    }

    package struct SeasonList: Codable, Sendable, ResponseEncodable {
        package let seasons: [Season]

        package init(seasons: [Season]) {
            self.seasons = seasons
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api/demarches", context: AgentRequestContext.self)
        api.get("categories") { _, context in
            CategoryList(
                categories: try await service.categories(for: agent(context)).map {
                    CategoryView(id: $0.0.id ?? 0, name: $0.0.name, right: $0.1)
                })
        }
        api.post("categories") { request, context in
            let body = try await request.decode(as: NewCategory.self, context: context)
            let category = try await service.createCategory(body.name, by: agent(context))
            return EditedResponse(
                status: .created, response: CategoryView(id: category.id ?? 0, name: category.name, right: .manage))
        }
        api.put("categories/:id") { request, context in
            let body = try await request.decode(as: NewCategory.self, context: context)
            let category = try await service.renameCategory(
                try context.parameters.require("id", as: Int64.self), to: body.name, by: agent(context))
            return CategoryView(id: category.id ?? 0, name: category.name, right: .manage)
        }
        api.put("teleservices/:id/categorie") { request, context in
            let body = try await request.decode(as: NewTeleserviceCategory.self, context: context)
            return try await service.moveTeleservice(
                try context.parameters.require("id", as: Int64.self), to: body.categoryId, by: agent(context))
        }
        api.put("categories/:id/droits/:agent") { request, context in
            let body = try await request.decode(as: RightBody.self, context: context)
            try await service.setRight(
                body.right, of: try context.parameters.require("agent", as: Int64.self),
                in: try context.parameters.require("id", as: Int64.self), by: agent(context))
            return HTTPResponse.Status.noContent
        }
        api.get("teleservices") { _, context in
            TeleserviceList(teleservices: try await service.teleservices(for: agent(context)))
        }
        api.post("teleservices") { request, context in
            let body = try await request.decode(as: Teleservice.self, context: context)
            return EditedResponse(
                status: .created, response: try await service.createTeleservice(body, by: agent(context)))
        }
        api.put("teleservices/:id") { request, context in
            var body = try await request.decode(as: Teleservice.self, context: context)
            body.id = try context.parameters.require("id", as: Int64.self)
            return try await service.modifyTeleservice(body, by: agent(context))
        }
        api.get("teleservices/:id/saisons") { _, context in
            SeasonList(
                seasons: try await service.seasons(
                    of: try context.parameters.require("id", as: Int64.self), for: agent(context)))
        }
        api.post("teleservices/:id/saisons") { request, context in
            var body = try await request.decode(as: Season.self, context: context)
            body.teleserviceID = try context.parameters.require("id", as: Int64.self)
            do {
                return EditedResponse(
                    status: .created, response: try await service.addSeason(body, by: agent(context)))
            } catch let error as RequestError {
                throw HTTPError(error.status, message: error.description)
            }
        }
        api.put("saisons/:id") { request, context in
            var body = try await request.decode(as: Season.self, context: context)
            body.id = try context.parameters.require("id", as: Int64.self)
            do {
                return try await service.modifySeason(body, by: agent(context))
            } catch let error as RequestError {
                throw HTTPError(error.status, message: error.description)
            }
        }
        api.delete("saisons/:id") { _, context in
            try await service.deleteSeason(
                try context.parameters.require("id", as: Int64.self), by: agent(context))
            return HTTPResponse.Status.noContent
        }
        api.put("teleservices/:id/parametres") { request, context in
            var body = try await request.decode(as: ParameterList.self, context: context)
            body.teleserviceID = try context.parameters.require("id", as: Int64.self)
            return try await service.saveList(body, by: agent(context))
        }
    }

    private func agent(_ context: AgentRequestContext) -> Int64 {
        context.signedIn.authority.agentID
    }
}

extension Teleservice: ResponseEncodable {}
extension Season: ResponseEncodable {}
extension ParameterList: ResponseEncodable {}
