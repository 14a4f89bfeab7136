import Hummingbird

/// The encryption keys of services (`/api/organisations/:id/keys`, `/api/keys/:id`).
package struct EncryptionKeyController: Sendable {
    package let service: EncryptionKeyService

    package init(service: EncryptionKeyService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api", context: AgentRequestContext.self)
        api.get("organisations/:id/keys") { _, context in
            let listing = try await service.listing(
                of: try context.parameters.require("id", as: Int64.self), for: context.signedIn.authority)
            return APIModels.KeyListing(
                keys: listing.own.map { .init($0, inherited: false) }
                    + listing.inherited.map { .init($0, inherited: true) },
                recipients: listing.recipients.compactMap(\.id))
        }
        api.post("organisations/:id/keys") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.NewKey.self, context: context)
            let key = try await service.add(
                certificate: Array(body.certificate.utf8), kind: body.kind, name: body.name ?? "",
                to: try context.parameters.require("id", as: Int64.self), by: actor)
            return EditedResponse(status: .created, response: APIModels.KeyView(key, inherited: false))
        }
        api.patch("keys/:id") { request, context in
            let actor = context.signedIn.authority
            let body = try await request.decode(as: APIModels.KeyChange.self, context: context)
            let key = try await service.modify(
                try context.parameters.require("id", as: Int64.self), name: body.name, kind: body.kind, by: actor)
            return APIModels.KeyView(key, inherited: false)
        }
        api.delete("organisations/:id/keys/:keyID") { _, context in
            try await service.delete(
                try context.parameters.require("keyID", as: Int64.self),
                from: try context.parameters.require("id", as: Int64.self),
                by: context.signedIn.authority)
            return HTTPResponse.Status.noContent
        }
    }
}
