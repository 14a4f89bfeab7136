import CoreModel
import PlatformKernel
import SQLKit

/// The back office's letters: the templates (managed by managers and administrators) and "Contacter le
/// citoyen", which renders a template on a request and writes the exchange into the request's history.
package struct LettersService: Sendable {
    package let database: Database
    /// The contact channels offered to the agents, configurable per platform.
    package var channels: [ContactChannel] = ContactChannel.standard
    package var settings = RequestSettings()
    package var now: @Sendable () -> Int64 = { Timestamp.now() }
    /// Sends the letters of the e-mail channel to the household's address (`serve --smtp`); without it,
    /// they are only posted in the citizen's space.
    package var mailer: (any Mailer)?
    package var sender = "ne-pas-repondre@sceau.invalid"

    package init(
        database: Database, channels: [ContactChannel] = ContactChannel.standard,
        settings: RequestSettings = RequestSettings(), now: @escaping @Sendable () -> Int64 = { Timestamp.now() },
        mailer: (any Mailer)? = nil, sender: String = "ne-pas-repondre@sceau.invalid"
    ) {
        self.database = database
        self.channels = channels
        self.settings = settings
        self.now = now
        self.mailer = mailer
        self.sender = sender
    }

    package static let contacted: JournalAction = "request.citizen-contacted"
    package static let templateSaved: JournalAction = "request-letter-template.saved"

    /// A rendered letter: its text, and what it was made of.
    package struct Letter: Sendable, Equatable {
        package let requestID: Int64
        package let number: String
        package let template: LetterTemplate
        package let channel: ContactChannel
        package let text: String
        /// What became of the e-mail of the e-mail channel: `nil` for the other channels.
        package var delivery: Delivery?

        package init(
            requestID: Int64, number: String, template: LetterTemplate, channel: ContactChannel, text: String,
            delivery: Delivery? = nil
        ) {
            self.requestID = requestID
            self.number = number
            self.template = template
            self.channel = channel
            self.text = text
            self.delivery = delivery
        }

        package var pdf: [UInt8] { TextPDF.document(text, title: "Courrier — demande \(number)") }
    }

    /// The fate of a letter sent by e-mail; whatever it is, the letter is in the citizen's space.
    package enum Delivery: Sendable, Equatable, CustomStringConvertible {
        case sent(to: String)
        /// The request has no household account, hence no address.
        case noAddress
        case failed(reason: String)

        package var description: String {
            switch self {
            case .sent(let address): "E-mail envoyé à \(address)."
            case .noAddress:
                "Demande sans compte foyer : aucune adresse e-mail, le courrier n'a pas été envoyé. Imprimez-le ou contactez le citoyen autrement."
            case .failed(let reason):
                "L'e-mail n'a pas été envoyé (\(reason)) ; le courrier reste lisible dans l'espace du citoyen. Réessayez plus tard ou choisissez un autre moyen."
            }
        }
    }

    // MARK: - Templates

    /// The templates of the agent's entity (every entity's for a platform super-administrator, or without an
    /// agent).
    package func templates(for agentID: Int64? = nil) async throws -> [LetterTemplate] {
        try await database.session { sql in
            var query = sql.select().columns("id", "name", "body").from("request_letter_templates")
            if let agentID {
                let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
                if !rights.isPlatformAdministrator, let entityID = rights.entityID {
                    query = query.where("entity_id", .equal, entityID)
                }
            }
            return try await query.orderBy("name").all(decoding: LetterTemplate.self)
        }
    }

    /// One template; another entity's does not exist for the agent (404).
    package func template(_ id: Int64, for agentID: Int64? = nil) async throws -> LetterTemplate {
        try await database.session { sql in
            if let agentID {
                let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
                guard rights.sees(entity: try await RequestEntityRepository(sql: sql).entity(ofTemplate: id)) else {
                    throw DomainError.notFound(what: "Modèle de courrier")
                }
            }
            return try await Self.template(id, sql: sql)
        }
    }

    /// Creates (`id` nil) or updates a template: managers of a category and administrators only; an unknown
    /// variable is refused.
    package func save(_ template: LetterTemplate, by agentID: Int64) async throws -> LetterTemplate {
        try template.validate()
        return try await database.transaction { sql in
            let rights = try await Self.requireManager(agentID, sql: sql)
            let entities = RequestEntityRepository(sql: sql)
            let duplicate = try await sql.select().column("id").from("request_letter_templates")
                .where("name", .equal, template.name).first(decodingColumn: "id", as: Int64.self)
            if let duplicate, duplicate != template.id {
                throw DomainError.conflict(reason: "Le modèle « \(template.name) » existe déjà.")
            }
            var saved = template
            if let id = template.id {
                guard rights.sees(entity: try await entities.entity(ofTemplate: id)) else {
                    throw DomainError.notFound(what: "Modèle de courrier")
                }
                _ = try await Self.template(id, sql: sql)
                try await sql.update("request_letter_templates").set("name", to: template.name)
                    .set("body", to: template.body).set("updated_at", to: now()).where("id", .equal, id).run()
            } else {
                var owner = rights.entityID
                if owner == nil { owner = try await entities.defaultEntity() }
                saved.id = try await sql.insert(into: "request_letter_templates")
                    .columns("name", "body", "updated_at", "entity_id")
                    .values(
                        SQLBind(template.name), SQLBind(template.body), SQLBind(now()),
                        SQLBind(owner)
                    )
                    .returning("id").first(decodingColumn: "id", as: Int64.self)
            }
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID),
                    subject: JournalSubject(kind: "request-letter-template", id: saved.id ?? 0),
                    action: Self.templateSaved, details: ["name": template.name]))
            return saved
        }
    }

    /// Whether the agent may edit templates.
    package func isManager(_ agentID: Int64) async throws -> Bool {
        try await database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            return rights.holdsSomewhere(.manage)
        }
    }

    // MARK: - Contacting the citizen

    /// The letter `template` makes on the request, `observation` in `${observation}`; read right needed.
    package func compose(
        _ requestID: Int64, template templateID: Int64, channel: String, observation: String, by agentID: Int64
    ) async throws -> Letter {
        try await database.session { sql in
            let (request, _) = try await CitizenRequestService.load(
                requestID, agentID: agentID, needed: .read, sql: sql)
            return try await letter(
                request, template: templateID, channel: channel, observation: observation, sql: sql)
        }
    }

    /// Contacts the citizen: write right and no other agent's lock; the exchange (channel, template,
    /// message) goes into the request's history and the journal. A letter by e-mail is also posted in the
    /// citizen's space as a note from the service ("Échanges"), where they read it. Returns the letter sent.
    package func contact(
        _ requestID: Int64, template templateID: Int64, channel: String, observation: String, by agentID: Int64
    ) async throws -> Letter {
        let (composed, address): (Letter, String?) = try await database.transaction { sql in
            var (request, _) = try await CitizenRequestService.load(
                requestID, agentID: agentID, needed: .write, sql: sql, forUpdate: true)
            let time = now()
            request.lock = try RequestLocking.change(
                request.lock, by: agentID, at: time, duration: settings.lockDuration)
            let letter = try await letter(
                request, template: templateID, channel: channel, observation: observation, sql: sql)
            request.lastAgentID = agentID
            request.updatedAt = time
            let repository = CitizenRequestRepository(sql: sql)
            try await repository.save(request)
            var summary =
                "Citoyen contacté par « \(letter.channel.label) » avec le modèle « \(letter.template.name) »"
            let message = observation.trimmingCharacters(in: .whitespacesAndNewlines)
            if !message.isEmpty { summary += " — message : \(message)" }
            try await repository.addHistory(
                RequestHistoryEntry(
                    requestID: requestID, at: time, author: .agent(agentID), action: Self.contacted.rawValue,
                    summary: summary))
            if letter.channel.key == ContactChannel.email {
                _ = try await repository.addNote(
                    RequestNote(
                        requestID: requestID, kind: .public, agentID: agentID, text: letter.text, createdAt: time))
            }
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), subject: JournalSubject(kind: "request", id: requestID),
                    action: Self.contacted,
                    details: [
                        "number": request.number, "channel": letter.channel.key,
                        "template": String(templateID),
                    ]))
            var address: String?
            if let household = request.householdID {
                address = try await HouseholdRepository(sql: sql).find(household)?.email
            }
            return (letter, address)
        }
        guard composed.channel.key == ContactChannel.email, let mailer else { return composed }
        var sent = composed
        guard let address, !address.isEmpty else {
            sent.delivery = .noAddress
            return sent
        }
        do {
            try await mailer.send(
                MailMessage(
                    from: sender, to: address, subject: "Votre demande \(composed.number) — \(composed.template.name)",
                    body: composed.text))
            sent.delivery = .sent(to: address)
        } catch {
            sent.delivery = .failed(reason: String(describing: error))
        }
        return sent
    }

    /// The values of every variable for `request`.
    package func values(
        _ request: CitizenRequest, teleservice: Teleservice?, household: Household?, observation: String
    ) -> [LetterVariable: String] {
        let requester = household?.members.first { $0.id == request.requesterID }
        let subject = household?.members.first { $0.id == request.subjectID }
        return [
            .numeroDemande: request.number,
            .libelleDemande: teleservice?.name ?? "",
            .dateCreation: CivilDate(parisTime: request.createdAt).french,
            .dateValidation: request.validatedAt.map { CivilDate(parisTime: $0).french } ?? "",
            .observation: observation.trimmingCharacters(in: .whitespacesAndNewlines),
            .numeroFoyer: request.householdID.map(String.init) ?? "",
            .civiliteDemandeur: requester?.civility.rawValue ?? "",
            .nomDemandeur: request.requesterName,
            .civiliteSujet: subject?.civility.rawValue ?? "",
            .nomSujet: request.subjectName,
            .adresseFoyer: household?.address ?? "",
            .date: CivilDate(parisTime: now()).french,
        ]
    }

    private func letter(
        _ request: CitizenRequest, template templateID: Int64, channel key: String, observation: String,
        sql: any SQLDatabase
    ) async throws -> Letter {
        guard let channel = channels.first(where: { $0.key == key }) else {
            throw DomainError.invalidField(field: "Moyen de contact", reason: "choisissez un moyen de la liste.")
        }
        let entities = RequestEntityRepository(sql: sql)
        let owner = try await entities.entity(ofTemplate: templateID)
        let requestEntity = try await entities.entity(ofCategory: request.categoryID)
        if let owner, let requestEntity, owner != requestEntity {
            throw DomainError.notFound(what: "Modèle de courrier")
        }
        let template = try await Self.template(templateID, sql: sql)
        let teleservice = try await RequestCatalogRepository(sql: sql).teleservice(request.teleserviceID)
        var household: Household?
        if let householdID = request.householdID {
            household = try await HouseholdRepository(sql: sql).find(householdID)
        }
        let text = try LetterText.render(
            template.body,
            values: values(request, teleservice: teleservice, household: household, observation: observation))
        return Letter(
            requestID: request.id ?? 0, number: request.number, template: template, channel: channel, text: text)
    }

    private static func template(_ id: Int64, sql: any SQLDatabase) async throws -> LetterTemplate {
        guard
            let template = try await sql.select().columns("id", "name", "body").from("request_letter_templates")
                .where("id", .equal, id).first(decoding: LetterTemplate.self)
        else { throw DomainError.notFound(what: "Modèle de courrier") }
        return template
    }

    @discardableResult
    private static func requireManager(_ agentID: Int64, sql: any SQLDatabase) async throws -> RequestAgentRights {
        let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
        guard rights.holdsSomewhere(.manage) else {
            throw DomainError.forbidden(
                reason:
                    "Seuls les agents ayant le droit « Management » sur une catégorie modifient les modèles de courrier."
            )
        }
        return rights
    }
}
