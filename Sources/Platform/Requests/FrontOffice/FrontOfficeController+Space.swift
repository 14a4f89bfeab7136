import Foundation
import Hummingbird
import PlatformKernel

/// The signed-in household's pages (`/citoyen…`, ``CitizenRequestContext``) and JSON (`/api/citoyen/…`).
extension FrontOfficeController {
    // MARK: Space, members, account

    @Sendable package func space(_ request: Request, context: CitizenRequestContext) async throws -> Page<
        CitizenSpaceView
    > {
        CitizenSpaceView.page(context.signedIn, try await spaceContents(context.signedIn))
    }

    @Sendable package func addMember(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        let citizen = context.signedIn
        let form = try await URLEncodedFormDecoder().decode(
            CitizenMemberView.Form.self, from: request, context: context)
        do {
            _ = try await service.addMember(try Self.member(form, id: nil), to: citizen.householdID)
            return .redirect(to: "/citoyen#foyer", type: .found)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenSpaceView.page(
                citizen, try await spaceContents(citizen), newMember: form, refusal: refusal
            )
            .response(status: refusal.status, from: request, context: context)
        }
    }

    @Sendable package func memberForm(_ request: Request, context: CitizenRequestContext) throws -> Page<
        CitizenMemberView
    > {
        CitizenMemberView.page(context.signedIn, try Self.member(try Self.identifier(context), of: context.signedIn))
    }

    @Sendable package func updateMember(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        let citizen = context.signedIn
        let current = try Self.member(try Self.identifier(context), of: citizen)
        let form = try await URLEncodedFormDecoder().decode(
            CitizenMemberView.Form.self, from: request, context: context)
        do {
            var member = try Self.member(form, id: current.id)
            member.role = current.role
            try await service.updateMember(member, of: citizen.householdID)
            return .redirect(to: "/citoyen#foyer", type: .found)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenMemberView.page(citizen, current, form: form, refusal: refusal)
                .response(status: refusal.status, from: request, context: context)
        }
    }

    @Sendable package func accountForm(_ request: Request, context: CitizenRequestContext) async throws
        -> Page<CitizenAccountSettingsView>
    {
        let household = try await service.household(context.signedIn.householdID)
        return CitizenAccountSettingsView.page(context.signedIn, email: household.email)
    }

    /// « Mon compte » saved: the page again with what changed, or the refusal.
    @Sendable package func changeAccount(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        let citizen = context.signedIn
        let form = try await URLEncodedFormDecoder().decode(
            CitizenAccountSettingsView.Form.self, from: request, context: context)
        do {
            let change = try await service.changeAccount(
                of: citizen.householdID, currentPassword: form.motDePasse ?? "", email: form.email ?? "",
                newPassword: form.nouveauMotDePasse, keeping: citizen.sessionToken)
            let household = try await service.household(citizen.householdID)
            return try CitizenAccountSettingsView.page(citizen, email: household.email, notice: Self.notice(change))
                .response(from: request, context: context)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenAccountSettingsView.page(citizen, email: form.email ?? "", refusal: refusal)
                .response(status: refusal.status, from: request, context: context)
        }
    }

    @Sendable package func deleteDraft(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        try await service.deleteDraft(try Self.identifier(context), household: context.signedIn.householdID)
        return .redirect(to: "/citoyen", type: .found)
    }

    /// What « Mon compte » says once saved.
    package static func notice(_ change: FrontOfficeService.AccountChange) -> String {
        var parts: [String] = []
        if change.email {
            parts.append(
                "Votre adresse e-mail est modifiée : utilisez-la désormais pour vous connecter."
                    + (change.formerAddressTold ? " Votre ancienne adresse en a été avertie." : ""))
        }
        if change.password { parts.append("Votre mot de passe est modifié ; vos autres sessions sont fermées.") }
        return parts.isEmpty ? "Aucun changement." : parts.joined(separator: " ")
    }

    package static func member(_ id: Int64, of citizen: SignedInCitizen) throws -> HouseholdMember {
        guard let member = citizen.household.members.first(where: { $0.id == id }) else {
            throw DomainError.notFound(what: "Membre du foyer")
        }
        return member
    }

    package static func member(_ form: CitizenMemberView.Form, id: Int64?) throws -> HouseholdMember {
        guard let civility = Civility(rawValue: form.civility ?? "") else {
            throw DomainError.invalidField(field: "Civilité", reason: "choisissez M. ou Mme.")
        }
        var birthDate: CivilDate?
        if let text = form.birthDate, !text.isEmpty {
            guard let date = CivilDate(iso: text) else {
                throw DomainError.invalidField(field: "Date de naissance", reason: "saisissez une date aaaa-mm-jj.")
            }
            birthDate = date
        }
        return HouseholdMember(
            id: id, role: form.role == "adult" ? .adult : .child, civility: civility,
            lastName: (form.lastName ?? "").trimmingCharacters(in: .whitespaces),
            firstName: (form.firstName ?? "").trimmingCharacters(in: .whitespaces), birthDate: birthDate)
    }

    private func spaceContents(_ citizen: SignedInCitizen) async throws -> CitizenSpaceView.Contents {
        let household = try await service.household(citizen.householdID)
        let requests = try await service.requests(of: citizen.householdID)
        let exchanges = try await service.database.session { sql in
            let repository = CitizenRequestRepository(sql: sql)
            var found: [(request: CitizenRequest, note: RequestNote)] = []
            for request in requests {
                for note in try await repository.notes(of: request.id ?? 0, forCitizen: true) where note.kind == .public
                {
                    found.append((request, note))
                }
            }
            return found
        }
        return CitizenSpaceView.Contents(
            household: household, requests: requests, drafts: try await service.drafts(of: citizen.householdID),
            exchanges: Array(exchanges.sorted { $0.note.createdAt > $1.note.createdAt }.prefix(5)),
            teleserviceNames: try await teleserviceNames(), draftLifetime: service.settings.draftLifetime)
    }

    // MARK: Requests

    @Sendable package func requestPage(_ request: Request, context: CitizenRequestContext) async throws
        -> Page<CitizenRequestView>
    {
        let id = try Self.identifier(context)
        var page = CitizenRequestView.page(context.signedIn, try await requestContents(id, citizen: context.signedIn))
        if let payment = try await PaymentService(database: service.database, provider: nil, origin: "")
            .latestPayment(ofRequest: id)
        {
            page.content.hasPayment = true
            page.content.paymentAmount = PaymentAmount.text(payment.amount)
            page.content.paymentState = payment.state.label
            page.content.paymentPath = "/demarches/paiements/\(payment.reference)"
        }
        return page
    }

    /// « Écrire au service »: the citizen's note on the request.
    @Sendable package func reply(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        let citizen = context.signedIn
        let id = try Self.identifier(context)
        let form = try await URLEncodedFormDecoder().decode(
            CitizenRequestView.ReplyForm.self, from: request, context: context)
        do {
            _ = try await service.requests.citizenAnswer(id, household: citizen.householdID, text: form.texte ?? "")
            return .redirect(to: "/citoyen/demandes/\(id)#echanges", type: .found)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenRequestView.page(
                citizen, try await requestContents(id, citizen: citizen), refusal: refusal, reply: form.texte ?? ""
            ).response(status: refusal.status, from: request, context: context)
        }
    }

    /// « Compléter ma demande »: the corrected data of an incomplete request (→ « Rectifiée »).
    @Sendable package func correct(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        let citizen = context.signedIn
        let id = try Self.identifier(context)
        let form = try await Self.formFields(request, context: context)
        let contents = try await requestContents(id, citizen: citizen)
        let data = Self.data(form, teleservice: contents.teleservice)
        do {
            _ = try await service.requests.citizenUpdate(id, household: citizen.householdID, data: data)
            return .redirect(to: "/citoyen/demandes/\(id)", type: .found)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try CitizenRequestView.page(citizen, contents, refusal: refusal, correction: data)
                .response(status: refusal.status, from: request, context: context)
        }
    }

    private func requestContents(_ id: Int64, citizen: SignedInCitizen) async throws -> CitizenRequestView.Contents {
        let time = service.now()
        let (request, teleservice, lists, history) = try await service.database.session { sql in
            let request = try await CitizenRequestService.loadForCitizen(id, household: citizen.householdID, sql: sql)
            let catalog = RequestCatalogRepository(sql: sql)
            guard let teleservice = try await catalog.teleservice(request.teleserviceID) else {
                throw DomainError.notFound(what: "Téléservice")
            }
            return (
                request, teleservice, try await catalog.lists(of: request.teleserviceID),
                try await CitizenRequestRepository(sql: sql).history(of: id)
            )
        }
        return CitizenRequestView.Contents(
            request: request, teleservice: teleservice, lists: lists,
            notes: try await service.requests.citizenNotes(id, household: citizen.householdID),
            documents: try await service.requests.citizenDocuments(id, household: citizen.householdID),
            history: history, lockedByAgent: request.lock?.isLive(at: time) ?? false,
            today: CivilDate(parisTime: time))
    }

    @Sendable package func requestList(_ request: Request, context: CitizenRequestContext) async throws
        -> FrontOfficeRequestList
    {
        let names = try await teleserviceNames()
        return FrontOfficeRequestList(
            requests: try await service.requests(of: context.signedIn.householdID).map {
                .init(
                    id: $0.id ?? 0, number: $0.number, teleservice: names[$0.teleserviceID] ?? "",
                    state: $0.state.rawValue, stateLabel: $0.state.label, subject: $0.subjectName,
                    createdAt: $0.createdAt)
            })
    }

    // MARK: Documents

    @Sendable package func documentsPage(_ request: Request, context: CitizenRequestContext) async throws
        -> Page<CitizenDocumentsView>
    {
        try await documentsPage(context.signedIn, refusal: nil)
    }

    @Sendable package func deleteDocument(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        let citizen = context.signedIn
        do {
            try await service.deleteDocument(try Self.identifier(context), household: citizen.householdID)
            return .redirect(to: "/citoyen/documents", type: .found)
        } catch {
            guard let refusal = RefusedForm(error) else { throw error }
            return try await documentsPage(citizen, refusal: refusal)
                .response(status: refusal.status, from: request, context: context)
        }
    }

    private func documentsPage(_ citizen: SignedInCitizen, refusal: RefusedForm?) async throws
        -> Page<CitizenDocumentsView>
    {
        let documents = try await HouseholdService(database: service.database).documents(of: citizen.householdID)
        var kinds: [String] = []
        let entity = try await service.frontOfficeEntity(named: nil, household: citizen.householdID)
        for kind in try await service.onlineCatalog(of: entity).flatMap(\.teleservices).flatMap(\.requiredDocuments)
        where !kinds.contains(kind) {
            kinds.append(kind)
        }
        return CitizenDocumentsView.page(citizen, documents, kinds: kinds.sorted(), refusal: refusal)
    }

    /// « Voir »: one of the household's documents, shown in the browser (PDF, images) or downloaded; another
    /// household's document does not exist for the citizen (404).
    @Sendable package func viewDocument(_ request: Request, context: CitizenRequestContext) async throws -> Response {
        let id = try Self.identifier(context)
        let householdID = context.signedIn.householdID
        let document = try await service.database.session { sql in
            guard let document = try await HouseholdRepository(sql: sql).document(id),
                document.householdID == householdID
            else { throw DomainError.notFound(what: "Document") }
            return document
        }
        return try await CitizenDocumentResponse.response(document, files: files)
    }

    /// « Joindre ce fichier »: the body is the file, `?type=…&nom=…` its kind and name.
    @Sendable package func uploadDocument(_ request: Request, context: CitizenRequestContext) async throws
        -> EditedResponse<FrontOfficeDocument>
    {
        let citizen = context.signedIn
        let upload = try await DocumentUpload.receive(request, files: files)
        let document = try await HouseholdService(database: service.database).addDocument(
            kind: upload.kind, fileName: upload.fileName, sha256: upload.stored.hash.hex, to: citizen.householdID)
        return upload.created(document)
    }
}
