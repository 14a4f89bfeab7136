import PlatformKernel

/// The rules of the « messagerie sécurisée », with no I/O: who may receive a message, what a message and a
/// reply must hold, when a company may reply, how a reading is recorded, and the attachments' limits.
package enum MessagingRules {
    package static let maximumSubjectLength = 255
    package static let maximumBodyLength = 20_000
    /// Each attached file, agent's or company's: 20 Mio.
    package static let maximumAttachmentSize: Int64 = 20 << 20
    /// Files joined to one message or one reply.
    package static let maximumAttachments = 10
    package static let maximumFileNameLength = 255

    /// A message goes only to companies that deposited a response or withdrew the DCE (`eligible`, from
    /// the registers); at least one recipient.
    package static func checkRecipients(_ requested: Set<Int64>, eligible: Set<Int64>) throws(DomainError) {
        guard !requested.isEmpty else {
            throw .invalidField(field: "destinataires", reason: "Choisissez au moins un destinataire.")
        }
        guard requested.isSubset(of: eligible) else {
            throw .invalidField(
                field: "destinataires",
                reason: "Un destinataire n'a ni déposé de réponse ni retiré le DCE de cette consultation : "
                    + "seules ces entreprises peuvent recevoir un courrier.")
        }
    }

    /// The subject and body are required and bounded; a reply may be allowed on a « Demande de complément »
    /// only, and then needs a deadline after `now`.
    package static func checkMessage(
        kind: BidderMessage.Kind, subject: String, body: String, replyAllowed: Bool, replyDeadline: Int64?,
        at now: Int64
    ) throws(DomainError) {
        let subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subject.isEmpty else {
            throw .invalidField(field: "objet", reason: "L'objet du courrier est obligatoire.")
        }
        guard subject.count <= maximumSubjectLength, !subject.contains(where: \.isNewline) else {
            throw .invalidField(
                field: "objet",
                reason: "L'objet du courrier tient sur une ligne de \(maximumSubjectLength) caractères au plus.")
        }
        try checkBody(body, field: "corps", label: "Le corps du courrier")
        guard replyAllowed else { return }
        guard kind == .complementRequest else {
            throw .invalidField(
                field: "réponse",
                reason: "Seule une « Demande de complément » peut attendre une réponse de l'entreprise.")
        }
        guard let replyDeadline else {
            throw .invalidField(
                field: "date limite de réponse",
                reason: "Indiquez la date limite de réponse de l'entreprise.")
        }
        guard replyDeadline > now else {
            throw .invalidField(
                field: "date limite de réponse", reason: "La date limite de réponse doit être dans le futur.")
        }
    }

    /// A company replies only to a message that allows it, strictly before its deadline.
    package static func checkReply(to message: BidderMessage, body: String, at now: Int64) throws(DomainError) {
        guard message.replyAllowed else {
            throw .forbidden(reason: "Ce courrier n'appelle pas de réponse par la plateforme.")
        }
        if let deadline = message.replyDeadline, now >= deadline {
            throw .conflict(
                reason: "Le délai de réponse est dépassé depuis le \(ParisTime.format(deadline)) (heure de Paris) : "
                    + "la réponse n'est plus acceptée.")
        }
        try checkBody(body, field: "réponse", label: "Le texte de la réponse")
    }

    /// Whether a company may still reply at `now`.
    package static func mayReply(to message: BidderMessage, at now: Int64) -> Bool {
        message.replyAllowed && message.replyDeadline.map { now < $0 } ?? true
    }

    /// The « accusé de réception »: the first reading by one of the company's users is kept, later readings
    /// change nothing. `nil` when the message was already read.
    package static func firstReading(of message: BidderMessage, by bidderID: Int64, at now: Int64) -> BidderMessage? {
        guard message.readAt == nil else { return nil }
        var read = message
        read.readAt = now
        read.readBy = bidderID
        return read
    }

    /// A company sees a message only when it is addressed to it.
    package static func isAddressed(_ message: BidderMessage, to companyID: Int64?) -> Bool {
        companyID != nil && message.companyID == companyID
    }

    /// The name of an attached file: a plain name, no folder; and its size within the limit.
    package static func checkAttachment(name: String, size: Int64, alreadyPending: Int) throws(DomainError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maximumFileNameLength, !trimmed.contains("/"),
            !trimmed.contains("\\"), !trimmed.contains(where: \.isNewline), trimmed != ".", trimmed != ".."
        else {
            throw .invalidField(
                field: "pièce jointe",
                reason: "Le nom du fichier doit être un simple nom, sans dossier, de 255 caractères au plus.")
        }
        guard size > 0 else { throw .invalidField(field: "pièce jointe", reason: "Le fichier est vide.") }
        guard size <= maximumAttachmentSize else { throw tooLarge }
        guard alreadyPending < maximumAttachments else {
            throw .tooMany(
                reason: "\(maximumAttachments) pièces jointes au plus par courrier : regroupez les fichiers dans "
                    + "une archive ZIP.")
        }
    }

    package static var tooLarge: DomainError {
        .tooLarge(
            reason: "Une pièce jointe ne doit pas dépasser \(FrenchByteCount.text(maximumAttachmentSize)) : "
                + "compressez le fichier ou découpez-le.")
    }

    private static func checkBody(_ body: String, field: String, label: String) throws(DomainError) {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidField(field: field, reason: "\(label) est obligatoire.")
        }
        guard body.count <= maximumBodyLength else {
            throw .invalidField(field: field, reason: "\(label) ne doit pas dépasser \(maximumBodyLength) caractères.")
        }
    }
}
