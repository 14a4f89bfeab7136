/// The support's rules, without I/O: what a ticket and a message must hold, who sees a ticket, and how its
/// state moves (seed 000 §5, issue 19 item 7).
package enum SupportRules {
    /// The seed's limits: « titre (100 caractères maximum) et corps du message (1000 caractères) ».
    package static let maximumSubjectLength = 100
    package static let maximumBodyLength = 1000
    package static let maximumPhoneLength = 30
    /// « Vous pouvez ajouter des pièces jointes (500kb max) »: 500 Kio per file.
    package static let maximumAttachmentSize: Int64 = 500 * 1024
    /// « 500 Ko », as the pages state the limit.
    package static let maximumAttachmentSizeLabel = "500 Ko"
    /// Files a ticket may hold in all.
    package static let maximumAttachments = 20

    /// The trimmed subject, or why it is refused.
    package static func checkSubject(_ subject: String) throws(DomainError) -> String {
        let subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subject.isEmpty else { throw .invalidField(field: "sujet", reason: "Saisissez le sujet du ticket.") }
        guard subject.count <= maximumSubjectLength else {
            throw .invalidField(
                field: "sujet", reason: "Le sujet dépasse \(maximumSubjectLength) caractères : raccourcissez-le.")
        }
        return subject
    }

    /// The trimmed message (line ends as `\n`), or why it is refused.
    package static func checkBody(_ body: String) throws(DomainError) -> String {
        let body = body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw .invalidField(field: "message", reason: "Saisissez votre message.") }
        guard body.count <= maximumBodyLength else {
            throw .invalidField(
                field: "message",
                reason: "Le message dépasse \(maximumBodyLength) caractères (\(body.count)) : raccourcissez-le.")
        }
        return body
    }

    /// The follow-up address, lower-cased, or why it is refused.
    package static func checkEmail(_ email: String) throws(DomainError) -> String {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        do {
            try EmailAddress.check(email)
        } catch {
            throw .invalidField(
                field: "e-mail", reason: "Saisissez l'adresse de suivi du ticket (exemple : nom@collectivite.fr).")
        }
        return email
    }

    /// The optional phone number, trimmed, or why it is refused.
    package static func checkPhone(_ phone: String) throws(DomainError) -> String {
        let phone = phone.trimmingCharacters(in: .whitespaces)
        let allowed = phone.allSatisfy { $0.isNumber || " .+-()".contains($0) }
        guard phone.count <= maximumPhoneLength, allowed else {
            throw .invalidField(
                field: "téléphone", reason: "Saisissez un numéro de téléphone (exemple : 01.42.42.42.42) ou rien.")
        }
        return phone
    }

    /// The attachment's name as kept: trimmed, without a path.
    package static func checkFileName(_ name: String) throws(DomainError) -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200, !name.contains(where: { $0.isNewline || $0 == "/" || $0 == "\\" })
        else {
            throw .invalidField(
                field: "pièce jointe", reason: "Choisissez un fichier dont le nom fait 200 caractères au plus.")
        }
        return name
    }

    package static let attachmentTooLarge = DomainError.tooLarge(
        reason:
            "Le fichier dépasse \(maximumAttachmentSizeLabel) : réduisez-le (images compressées, PDF), puis réessayez.")

    // MARK: - States

    /// The state after an agent's message: precisions given, the support takes it up again.
    package static func stateAfterAgentMessage(_ state: SupportState) throws(DomainError) -> SupportState {
        switch state {
        case .new: .new
        case .inProgress, .waitingForAgent: .inProgress
        case .resolved, .closed: throw reopenFirst
        }
    }

    /// The states a support's answer may leave the ticket in.
    package static let answerStates: [SupportState] = [.inProgress, .waitingForAgent, .resolved]

    /// The state after a support's answer, `chosen` among ``answerStates``; a closed ticket takes no answer.
    package static func stateAfterSupportAnswer(_ state: SupportState, chosen: SupportState) throws(DomainError)
        -> SupportState
    {
        guard state != .closed else { throw reopenFirst }
        guard answerStates.contains(chosen) else {
            throw .invalidField(field: "état", reason: "Choisissez l'état du ticket après votre réponse.")
        }
        return chosen
    }

    /// Closing, by the agents' side or the support: any ticket not closed yet.
    package static func stateAfterClosing(_ state: SupportState) throws(DomainError) -> SupportState {
        guard state != .closed else { throw .conflict(reason: "Ce ticket est déjà fermé.") }
        return .closed
    }

    /// Reopening a resolved or closed ticket: the support takes it up again.
    package static func stateAfterReopening(_ state: SupportState) throws(DomainError) -> SupportState {
        guard !state.isOpen else { throw .conflict(reason: "Ce ticket est déjà ouvert.") }
        return .inProgress
    }

    /// A platform administrator sets any other state.
    package static func stateSetBySupport(_ state: SupportState, to chosen: SupportState) throws(DomainError)
        -> SupportState
    {
        guard chosen != state else { throw .conflict(reason: "Le ticket est déjà dans l'état « \(state.label) ».") }
        return chosen
    }

    static let reopenFirst = DomainError.conflict(
        reason: "Ce ticket est résolu ou fermé : rouvrez-le pour écrire un nouveau message.")
}

/// Who looks at the support's tickets, and so which ones they see: a platform administrator every ticket; an
/// agent holding an administration right, the tickets of their organisation and of the organisations below it
/// (the seed's « Nom du Contact (Interne) »); any other agent, their own.
package struct SupportViewer: Sendable, Equatable {
    package let agentID: Int64
    package let name: String
    package let isPlatformAdministrator: Bool
    /// The organisations whose tickets the agent sees as their entity's administrator (empty: only their own).
    package let administeredOrganisations: Set<Int64>

    package init(agentID: Int64, name: String, isPlatformAdministrator: Bool, administeredOrganisations: Set<Int64>) {
        self.agentID = agentID
        self.name = name
        self.isPlatformAdministrator = isPlatformAdministrator
        self.administeredOrganisations = administeredOrganisations
    }

    /// Whether the viewer may read the ticket (and write in it).
    package func sees(_ ticket: SupportTicket) -> Bool {
        isPlatformAdministrator || ticket.requesterID == agentID
            || administeredOrganisations.contains(ticket.organisationID)
    }
}
