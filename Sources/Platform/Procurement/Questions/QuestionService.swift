import Foundation
import Logging
import PlatformKernel
import SQLKit

/// Questions and answers on a consultation: a signed-in company asks until the date limite des questions; an
/// agent who manages the consultation's documents sets that date and answers; each answer is mailed to the
/// bidders who withdrew the DCE while signed in and shown on the consultation's page, never saying who asked.
package struct QuestionService: Sendable {
    package let database: Database
    /// The relay of the answers' e-mails; `nil`: the answers are only shown on the platform.
    package var mailer: (any Mailer)?
    package var sender = "ne-pas-repondre@sceau.invalid"
    package var logger = Logger(label: "sceau.questions")
    /// Tells the agents who follow the consultation that a question arrived (« Mes alertes électroniques »).
    package var alerts: ConsultationAlerts?

    package init(database: Database, mailer: (any Mailer)? = nil) {
        self.database = database
        self.mailer = mailer
    }

    /// The agents' view of a consultation's questions: the date limite, the questions with their company, and
    /// whether the agent may answer.
    package struct Register: Sendable {
        package let consultation: Consultation
        package let deadline: Int64
        package let deadlineWasSet: Bool
        package let questions: [Line]
        package let canAnswer: Bool
    }

    /// One line of the registre des questions.
    package struct Line: Sendable, Codable {
        package let id: Int64
        package let askedAt: Int64
        package let companyName: String
        package let siret: String
        package let question: String
        package let answer: String?
        package let answeredAt: Int64?
    }

    /// What a company sees on the consultation's page.
    package struct BidderView: Sendable {
        package let deadline: Int64
        package let open: Bool
        package let withdrew: Bool
        package let own: [ConsultationQuestion]
        package let published: [PublishedAnswer]
    }

    // MARK: - Bidders

    package func ask(_ text: String, reference: String, by bidder: SignedInBidder) async throws {
        guard bidder.depositJob == nil else {
            throw DomainError.forbidden(
                reason: "Un job de dépôt ne pose pas de question : connectez-vous à l'espace entreprise.")
        }
        let now = Timestamp.now()
        let consultationID = try await database.transaction { sql in
            let consultation = try await DepositService.onlineConsultation(reference, sql: sql)
            let id = consultation.id ?? 0
            let deadline = QuestionPolicy.deadline(
                of: consultation, set: try await QuestionRepository(sql: sql).deadline(of: id))
            let question = try QuestionPolicy.checkQuestion(text, deadline: deadline, now: now)
            try await QuestionRepository(sql: sql).add(
                ConsultationQuestion(
                    consultationID: id, companyID: bidder.company.id ?? 0, bidderID: bidder.bidder.id ?? 0,
                    text: question, askedAt: now))
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .company(bidder.company.id ?? 0),
                    entityID: try await DepositService.entityID(of: consultation, sql: sql),
                    subject: .consultation(id), action: "consultation.question-asked"),
                at: now)
            return id
        }
        await alerts?.questionReceived(consultationID: consultationID, companyName: bidder.company.name, at: now)
    }

    /// The questions and answers a company (or an anonymous visitor) sees on an online consultation.
    package func bidderView(of consultation: Consultation, for bidder: SignedInBidder?) async throws -> BidderView {
        try await database.session { sql in
            let id = consultation.id ?? 0
            let repository = QuestionRepository(sql: sql)
            let deadline = QuestionPolicy.deadline(of: consultation, set: try await repository.deadline(of: id))
            var withdrew = false
            if let companyID = bidder?.company.id {
                withdrew = try await DocumentRepository(sql: sql).companyWithdrew(companyID, consultationID: id)
            }
            let (own, published) = QuestionPolicy.view(
                of: try await repository.questions(of: id), by: bidder?.company.id, withdrew: withdrew)
            return BidderView(
                deadline: deadline, open: Timestamp.now() < deadline, withdrew: withdrew, own: own,
                published: published)
        }
    }

    // MARK: - Agents

    /// The registre des questions (right to read the registers).
    package func register(of consultationID: Int64, by actor: AgentAuthority) async throws -> Register {
        try await database.session { sql in
            let access = try await ConsultationService.access(consultationID, for: actor, sql: sql)
            guard access.rights.contains(.viewRegisters) || access.rights.contains(.manageDocuments) else {
                throw DomainError.forbidden(
                    reason: "Votre rôle ne permet pas de lire le registre des questions de cette consultation.")
            }
            let repository = QuestionRepository(sql: sql)
            let set = try await repository.deadline(of: consultationID)
            let companies = CompanyRepository(sql: sql)
            var lines: [Line] = []
            for question in try await repository.questions(of: consultationID) {
                let company = try await companies.company(question.companyID)
                lines.append(
                    Line(
                        id: question.id ?? 0, askedAt: question.askedAt, companyName: company?.name ?? "",
                        siret: company?.siret.value ?? "", question: question.text, answer: question.answer,
                        answeredAt: question.answeredAt))
            }
            return Register(
                consultation: access.consultation, deadline: QuestionPolicy.deadline(of: access.consultation, set: set),
                deadlineWasSet: set != nil, questions: lines, canAnswer: access.rights.contains(.manageDocuments))
        }
    }

    /// The registre des questions as CSV (semicolon-separated).
    package func registerCSV(of consultationID: Int64, by actor: AgentAuthority) async throws -> String {
        var csv = CSV(header: [
            "N°", "Date de la question", "Entreprise", "SIRET", "Question", "Réponse", "Date de la réponse",
        ])
        for (index, line) in try await register(of: consultationID, by: actor).questions.enumerated() {
            csv.append([
                String(index + 1), FrenchTime.text(line.askedAt), line.companyName, line.siret, line.question,
                line.answer ?? "", line.answeredAt.map(FrenchTime.text) ?? "",
            ])
        }
        return csv.text
    }

    package func setDeadline(_ text: String, of consultationID: Int64, by actor: AgentAuthority) async throws {
        let deadline = try ParisTime.parse(text, field: "date limite des questions")
        try await database.transaction { sql in
            let (consultation, path) = try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: actor, sql: sql)
            try QuestionPolicy.checkDeadline(deadline, of: consultation)
            try await QuestionRepository(sql: sql).setDeadline(deadline, of: consultationID)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .consultation(consultationID),
                    action: "consultation.questions-deadline-set", details: ["deadline": String(deadline)]))
        }
    }

    /// Publishes the answer and mails it to the bidders who withdrew the DCE; how many e-mails left.
    @discardableResult
    package func answer(_ text: String, question questionID: Int64, of consultationID: Int64, by actor: AgentAuthority)
        async throws -> Int
    {
        let now = Timestamp.now()
        let (consultation, question, answer, recipients) = try await database.transaction { sql in
            let (consultation, path) = try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: actor, sql: sql)
            let repository = QuestionRepository(sql: sql)
            guard let question = try await repository.find(questionID), question.consultationID == consultationID
            else { throw DomainError.notFound(what: "Question") }
            let answer = try QuestionPolicy.checkAnswer(text, to: question)
            guard try await repository.answer(questionID, with: answer, by: actor.agentID, at: now) else {
                throw DomainError.conflict(reason: "Cette question a déjà une réponse publiée.")
            }
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .consultation(consultationID),
                    action: "consultation.question-answered", details: ["question": String(questionID)]),
                at: now)
            return (
                consultation, question, answer,
                try await DocumentRepository(sql: sql).withdrawerEmails(of: consultationID)
            )
        }
        guard let mailer else { return 0 }
        var sent = 0
        for recipient in recipients {
            do {
                try await mailer.send(
                    Self.mail(
                        consultation: consultation, question: question.text, answer: answer, to: recipient,
                        from: sender))
                sent += 1
            } catch {
                logger.warning("Answer to a question not mailed to \(recipient): \(error)")
            }
        }
        return sent
    }

    /// The e-mail of a published answer: the consultation, the question and the answer, nothing of who asked.
    package static func mail(consultation: Consultation, question: String, answer: String, to: String, from: String)
        -> MailMessage
    {
        let reference = consultation.reference.value
        return MailMessage(
            from: from, to: to, subject: "Consultation \(reference) : réponse à une question",
            body: """
                Bonjour,

                Vous avez retiré le dossier de la consultation \(reference) « \(consultation.title) ». L'acheteur \
                a publié une réponse à une question posée par une entreprise.

                Question :
                \(question)

                Réponse :
                \(answer)

                Toutes les questions et réponses sont sur la page de la consultation : \
                /consultations-publiques/\(percentEncode(reference))#questions

                Ce message est envoyé automatiquement ; n'y répondez pas.
                """)
    }
}
