import Foundation
import Hummingbird

/// The citizens' front office: household account, sign-in and forgotten password (`/citoyen/…`), the
/// online teleservices and their forms (`/demarches/…`), "Mes demandes", drafts, members and the document
/// space; JSON for the document upload and the request list (`/api/citoyen/…`).
struct FrontOfficeController: Sendable {
    let service: FrontOfficeService
    let files: FileStore
    let secureCookies: Bool
    /// The platform's address in e-mailed links (never taken from the request's `Host`, which the sender chooses).
    let publicURL: String

    func register(on router: Router<PlatformRequestContext>) {
        registerAccounts(on: router)
        registerSpace(on: router)
        registerForms(on: router)
        registerFollowUp(on: router)
        registerDocuments(on: router)
    }

    // MARK: Helpers

    /// The French message and status of an error the citizen can act on; `nil` for the others.
    static func explained(_ error: any Error) -> (HTTPResponse.Status, String)? {
        switch error {
        case let error as DomainError:
            (error.status, error.description)
        case let error as RequestError: (error.status, error.description)
        case let error as MailError: (.serviceUnavailable, error.description)
        default: nil
        }
    }

    /// A page answered with `status`.
    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func cookie(_ token: String, maxAge: Int) -> Cookie {
        Cookie(
            name: SessionMiddleware.citizenCookie, value: token, maxAge: maxAge, path: "/", secure: secureCookies,
            httpOnly: true, sameSite: .lax)
    }

    static func redirect(_ path: String) -> Response { Response.redirect(to: path, type: .found) }

    static func identifier(_ context: PlatformRequestContext, _ name: String = "id") throws -> Int64 {
        guard let value = Int64(try context.parameters.require(name)) else {
            throw HTTPError(.notFound, message: "Page introuvable.")
        }
        return value
    }

    // MARK: Accounts

    private func registerAccounts(on router: Router<PlatformRequestContext>) {
        router.get("citoyen/inscription") { _, _ in Self.html(FrontOfficePages.registration(error: nil, values: [:])) }
        router.post("citoyen/inscription") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let values = ["civility", "lastName", "firstName", "address", "email"].reduce(into: [String: String]()) {
                $0[$1] = form[$1] ?? ""
            }
            do {
                guard let civility = Civility(rawValue: form["civility"] ?? "") else {
                    throw DomainError.invalidField(field: "Civilité", reason: "choisissez M. ou Mme.")
                }
                _ = try await service.createAccount(
                    .init(
                        civility: civility, lastName: form["lastName"] ?? "", firstName: form["firstName"] ?? "",
                        email: form["email"] ?? "", password: form["password"] ?? "", address: form["address"] ?? ""))
                let signedIn = try await service.signIn(email: form["email"] ?? "", password: form["password"] ?? "")
                var response = Self.redirect("/citoyen")
                response.setCookie(cookie(signedIn.sessionToken, maxAge: Int(service.sessionLifetime)))
                return response
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(FrontOfficePages.registration(error: message, values: values), status: status)
            }
        }
        router.get("citoyen/connexion") { _, _ in Self.html(FrontOfficePages.signIn(error: nil, email: "")) }
        router.post("citoyen/connexion") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let email = form["email"] ?? ""
            do {
                let signedIn = try await service.signIn(email: email, password: form["password"] ?? "")
                var response = Self.redirect("/citoyen")
                response.setCookie(cookie(signedIn.sessionToken, maxAge: Int(service.sessionLifetime)))
                return response
            } catch let error as HTTPError {
                return Self.html(
                    FrontOfficePages.signIn(error: error.body ?? "E-mail ou mot de passe incorrect.", email: email),
                    status: error.status)
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(FrontOfficePages.signIn(error: message, email: email), status: status)
            }
        }
        router.post("citoyen/deconnexion") { _, context -> Response in
            if let citizen = context.citizen { try await service.signOut(token: citizen.sessionToken) }
            var response = Self.redirect("/demarches")
            response.setCookie(cookie("", maxAge: 0))
            return response
        }
        router.get("citoyen/mot-de-passe-oublie") { _, _ in Self.html(FrontOfficePages.forgottenPassword(sent: false)) }
        router.post("citoyen/mot-de-passe-oublie") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let origin = publicURL
            do {
                try await service.requestPasswordReset(email: form["email"] ?? "") { token in
                    "\(origin)/citoyen/nouveau-mot-de-passe?jeton=\(token)"
                }
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(FrontOfficePages.forgottenPassword(sent: false, error: message), status: status)
            }
            return Self.html(FrontOfficePages.forgottenPassword(sent: true))
        }
        router.get("citoyen/nouveau-mot-de-passe") { request, _ -> Response in
            let token = request.uri.queryParameters["jeton"].map(String.init) ?? ""
            let live = try await service.resetIsLive(token: token)
            return Self.html(
                FrontOfficePages.newPassword(token: token, live: live, error: nil), status: live ? .ok : .notFound)
        }
        router.post("citoyen/nouveau-mot-de-passe") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let token = form["jeton"] ?? ""
            do {
                try await service.resetPassword(token: token, newPassword: form["password"] ?? "")
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                let live = try await service.resetIsLive(token: token)
                return Self.html(FrontOfficePages.newPassword(token: token, live: live, error: message), status: status)
            }
            return Self.html(
                FrontOfficePages.signIn(
                    error: nil, email: "", notice: "Votre mot de passe est changé : connectez-vous avec le nouveau."))
        }
    }

    // MARK: Space and members

    private func registerSpace(on router: Router<PlatformRequestContext>) {
        router.get("citoyen") { _, context -> Response in
            guard let citizen = context.citizen else { return Self.redirect("/citoyen/connexion") }
            return Self.html(try await spacePage(citizen, error: nil))
        }
        router.post("citoyen/membres") { request, context -> Response in
            let citizen = try context.requireCitizen()
            let form = try await FormFields.read(request, context: context)
            do {
                _ = try await service.addMember(try Self.member(form, id: nil), to: citizen.householdID)
                return Self.redirect("/citoyen")
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(try await spacePage(citizen, error: message), status: status)
            }
        }
        router.get("citoyen/membres/:id") { _, context -> Response in
            let citizen = try context.requireCitizen()
            let id = try Self.identifier(context)
            guard let member = citizen.household.members.first(where: { $0.id == id }) else {
                throw DomainError.notFound(what: "Membre du foyer")
            }
            return Self.html(FrontOfficePages.member(citizen, member, error: nil))
        }
        router.post("citoyen/membres/:id") { request, context -> Response in
            let citizen = try context.requireCitizen()
            let id = try Self.identifier(context)
            guard let current = citizen.household.members.first(where: { $0.id == id }) else {
                throw DomainError.notFound(what: "Membre du foyer")
            }
            let form = try await FormFields.read(request, context: context)
            do {
                var member = try Self.member(form, id: id)
                member.role = current.role
                try await service.updateMember(member, of: citizen.householdID)
                return Self.redirect("/citoyen")
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(FrontOfficePages.member(citizen, current, error: message), status: status)
            }
        }
        router.post("citoyen/compte") { request, context -> Response in
            let citizen = try context.requireCitizen()
            let form = try await FormFields.read(request, context: context)
            do {
                let change = try await service.changeAccount(
                    of: citizen.householdID, currentPassword: form["motDePasse"] ?? "", email: form["email"] ?? "",
                    newPassword: form["nouveauMotDePasse"], keeping: citizen.sessionToken)
                return Self.html(try await spacePage(citizen, error: nil, notice: Self.notice(change)))
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(try await spacePage(citizen, error: message), status: status)
            }
        }
        router.post("citoyen/brouillons/:id/supprimer") { _, context -> Response in
            let citizen = try context.requireCitizen()
            try await service.deleteDraft(try Self.identifier(context), household: citizen.householdID)
            return Self.redirect("/citoyen")
        }
    }

    /// What "Mon compte" says once saved.
    static func notice(_ change: FrontOfficeService.AccountChange) -> String {
        var parts: [String] = []
        if change.email {
            parts.append(
                "Votre adresse e-mail est modifiée : utilisez-la désormais pour vous connecter."
                    + (change.formerAddressTold ? " Votre ancienne adresse en a été avertie." : ""))
        }
        if change.password { parts.append("Votre mot de passe est modifié ; vos autres sessions sont fermées.") }
        return parts.isEmpty ? "Aucun changement." : parts.joined(separator: " ")
    }

    static func member(_ form: FormFields, id: Int64?) throws -> HouseholdMember {
        guard let civility = Civility(rawValue: form["civility"] ?? "") else {
            throw DomainError.invalidField(field: "Civilité", reason: "choisissez M. ou Mme.")
        }
        var birthDate: CivilDate?
        if let text = form["birthDate"], !text.isEmpty {
            guard let date = CivilDate(iso: text) else {
                throw DomainError.invalidField(field: "Date de naissance", reason: "saisissez une date aaaa-mm-jj.")
            }
            birthDate = date
        }
        return HouseholdMember(
            id: id, role: form["role"] == "adult" ? .adult : .child, civility: civility,
            lastName: (form["lastName"] ?? "").trimmingCharacters(in: .whitespaces),
            firstName: (form["firstName"] ?? "").trimmingCharacters(in: .whitespaces), birthDate: birthDate)
    }

    private func spacePage(_ citizen: SignedInCitizen, error: String?, notice: String? = nil) async throws -> String {
        let household = try await service.household(citizen.householdID)
        let current = SignedInCitizen(
            household: household, csrfToken: citizen.csrfToken, sessionToken: citizen.sessionToken)
        let names = try await teleserviceNames()
        let requests = try await service.requests(of: citizen.householdID).map {
            FrontOfficePages.SpaceLine(request: $0, teleservice: names[$0.teleserviceID] ?? "")
        }
        let drafts = try await service.drafts(of: citizen.householdID).map { ($0, names[$0.teleserviceID] ?? "") }
        return FrontOfficePages.space(current, requests: requests, drafts: drafts, error: error, notice: notice)
    }

    private func teleserviceNames() async throws -> [Int64: String] {
        try await service.database.session { sql in
            Dictionary(
                try await RequestCatalogRepository(sql: sql).teleservices().map { ($0.id ?? 0, $0.name) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    // MARK: Forms

    private func registerForms(on router: Router<PlatformRequestContext>) {
        router.get("demarches") { _, context in
            Self.html(FrontOfficePages.catalog(try await service.onlineCatalog(), citizen: context.citizen))
        }
        router.get("demarches/:id") { request, context -> Response in
            let (teleservice, lists) = try await service.onlineTeleservice(try Self.identifier(context))
            var state = FrontOfficePages.FormState()
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
            return Self.html(
                FrontOfficePages.form(
                    teleservice, lists: lists, citizen: context.citizen, documents: documents, state: state,
                    error: nil, seasons: try await service.openSeasons(of: teleservice.id ?? 0)))
        }
        router.post("demarches/:id") { request, context -> Response in
            let (teleservice, lists) = try await service.onlineTeleservice(try Self.identifier(context))
            let form = try await FormFields.read(request, context: context)
            let citizen = context.citizen
            let state = Self.formState(form, teleservice: teleservice)
            let seasons = try await service.openSeasons(of: teleservice.id ?? 0)
            var documents: [CitizenDocument] = []
            if let citizen {
                documents = try await HouseholdService(database: service.database).documents(of: citizen.householdID)
            }
            do {
                if teleservice.requiresAccount, citizen == nil {
                    throw DomainError.forbidden(reason: "Connectez-vous à votre compte foyer pour faire cette demande.")
                }
                if form["action"] == "brouillon" {
                    let citizen = try context.requireCitizen()
                    var saved = state
                    saved.draftID =
                        try await service.saveDraft(
                            state.draftID, teleservice: teleservice.id ?? 0, subject: state.subjectID,
                            data: state.data, household: citizen.householdID
                        ).id
                    return Self.html(
                        FrontOfficePages.form(
                            teleservice, lists: lists, citizen: citizen, documents: documents, state: saved, error: nil,
                            notice:
                                "Brouillon enregistré : retrouvez-le dans votre espace, il est conservé \(service.settings.draftLifetime / 86_400) jours.",
                            seasons: seasons))
                }
                let filed = try await service.requests.file(
                    CitizenRequestService.Filing(
                        teleserviceID: teleservice.id ?? 0, householdID: citizen?.householdID,
                        subjectID: citizen == nil ? nil : state.subjectID,
                        requesterName: citizen == nil ? state.requesterName : nil,
                        subjectName: citizen == nil && !state.subjectName.isEmpty ? state.subjectName : nil,
                        seasonID: seasons.isEmpty ? nil : state.seasonID, data: state.data,
                        documentIDs: citizen == nil ? [] : Array(state.documentIDs).sorted(),
                        note: state.note))
                if let draftID = state.draftID, let citizen {
                    try? await service.deleteDraft(draftID, household: citizen.householdID)
                }
                return Self.html(FrontOfficePages.filed(filed, teleservice: teleservice.name, citizen: citizen))
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(
                    FrontOfficePages.form(
                        teleservice, lists: lists, citizen: citizen, documents: documents, state: state,
                        error: message, seasons: seasons),
                    status: status)
            }
        }
    }

    /// The form's values: `champ.<clé>` per field (repeated for checkboxes), the subject, the requester's
    /// names without account, the chosen documents, the draft.
    static func formState(_ form: FormFields, teleservice: Teleservice) -> FrontOfficePages.FormState {
        var state = FrontOfficePages.FormState()
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

    static func data(_ form: FormFields, teleservice: Teleservice) -> [String: [String]] {
        var data: [String: [String]] = [:]
        for field in teleservice.form.fields {
            let values = form.all("champ.\(field.key)").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            if !values.isEmpty { data[field.key] = values }
        }
        return data
    }

    // MARK: Follow-up

    private func registerFollowUp(on router: Router<PlatformRequestContext>) {
        router.get("citoyen/demandes/:id") { _, context -> Response in
            let citizen = try context.requireCitizen()
            return Self.html(
                FrontOfficePages.request(
                    try await requestView(try Self.identifier(context), citizen: citizen), citizen: citizen, error: nil)
            )
        }
        router.post("citoyen/demandes/:id/note") { request, context -> Response in
            let citizen = try context.requireCitizen()
            let id = try Self.identifier(context)
            let form = try await FormFields.read(request, context: context)
            do {
                _ = try await service.requests.citizenAnswer(
                    id, household: citizen.householdID, text: form["texte"] ?? "")
                return Self.redirect("/citoyen/demandes/\(id)")
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(
                    FrontOfficePages.request(
                        try await requestView(id, citizen: citizen), citizen: citizen, error: message),
                    status: status)
            }
        }
        router.post("citoyen/demandes/:id/donnees") { request, context -> Response in
            let citizen = try context.requireCitizen()
            let id = try Self.identifier(context)
            let form = try await FormFields.read(request, context: context)
            do {
                let view = try await requestView(id, citizen: citizen)
                _ = try await service.requests.citizenUpdate(
                    id, household: citizen.householdID, data: Self.data(form, teleservice: view.teleservice))
                return Self.redirect("/citoyen/demandes/\(id)")
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                return Self.html(
                    FrontOfficePages.request(
                        try await requestView(id, citizen: citizen), citizen: citizen, error: message),
                    status: status)
            }
        }
        router.get("api/citoyen/demandes") { _, context -> FrontOfficeRequestList in
            let citizen = try context.requireCitizen()
            let names = try await teleserviceNames()
            return FrontOfficeRequestList(
                requests: try await service.requests(of: citizen.householdID).map {
                    .init(
                        id: $0.id ?? 0, number: $0.number, teleservice: names[$0.teleserviceID] ?? "",
                        state: $0.state.rawValue, stateLabel: $0.state.label, subject: $0.subjectName,
                        createdAt: $0.createdAt)
                })
        }
    }

    private func requestView(_ id: Int64, citizen: SignedInCitizen) async throws -> FrontOfficePages.RequestView {
        let time = service.now()
        let (request, teleservice, lists) = try await service.database.session { sql in
            let request = try await CitizenRequestService.loadForCitizen(id, household: citizen.householdID, sql: sql)
            let catalog = RequestCatalogRepository(sql: sql)
            guard let teleservice = try await catalog.teleservice(request.teleserviceID) else {
                throw DomainError.notFound(what: "Téléservice")
            }
            return (request, teleservice, try await catalog.lists(of: request.teleserviceID))
        }
        return FrontOfficePages.RequestView(
            request: request, teleservice: teleservice, lists: lists,
            notes: try await service.requests.citizenNotes(id, household: citizen.householdID),
            documents: try await service.requests.citizenDocuments(id, household: citizen.householdID),
            lockedByAgent: request.lock?.isLive(at: time) ?? false, today: CivilDate(parisTime: time))
    }

    // MARK: Documents

    private func registerDocuments(on router: Router<PlatformRequestContext>) {
        router.get("citoyen/documents") { _, context -> Response in
            let citizen = try context.requireCitizen()
            let documents = try await HouseholdService(database: service.database).documents(of: citizen.householdID)
            return Self.html(FrontOfficePages.documents(citizen, documents, error: nil))
        }
        router.post("citoyen/documents/:id/supprimer") { _, context -> Response in
            let citizen = try context.requireCitizen()
            do {
                try await service.deleteDocument(try Self.identifier(context), household: citizen.householdID)
                return Self.redirect("/citoyen/documents")
            } catch {
                guard let (status, message) = Self.explained(error) else { throw error }
                let documents = try await HouseholdService(database: service.database).documents(
                    of: citizen.householdID)
                return Self.html(FrontOfficePages.documents(citizen, documents, error: message), status: status)
            }
        }
        router.post("api/citoyen/documents") { request, context -> EditedResponse<FrontOfficeDocument> in
            let citizen = try context.requireCitizen()
            let upload = try await DocumentUpload.receive(request, files: files)
            let document = try await HouseholdService(database: service.database).addDocument(
                kind: upload.kind, fileName: upload.fileName, sha256: upload.stored.hash.hex, to: citizen.householdID)
            return upload.created(document)
        }
    }
}

/// `GET /api/citoyen/demandes`: the household's requests.
struct FrontOfficeRequestList: Codable, Sendable, ResponseEncodable {
    struct Line: Codable, Sendable {
        let id: Int64
        let number: String
        let teleservice: String
        let state: String
        let stateLabel: String
        let subject: String
        let createdAt: Int64
    }

    let requests: [Line]
}

/// `POST /api/citoyen/documents`: the document added to the household's space.
struct FrontOfficeDocument: Codable, Sendable, ResponseEncodable {
    let id: Int64
    let kind: String
    let fileName: String
    let sha256: String
    let size: Int64
    let createdAt: Int64
}
