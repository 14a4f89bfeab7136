import PlatformKernel

/// A letter of the « messagerie sécurisée »: written by an agent from a consultation to one company that
/// deposited or withdrew the DCE. Sent to several companies, it is one message per company, so that each
/// reading is recorded on its own (« accusé de réception »).
///
/// Times are whole seconds since 1970, UTC.
package struct BidderMessage: Codable, Sendable, Equatable {
    /// « Type de courrier » (seed 003, « Nouveau message »).
    package enum Kind: String, Codable, Sendable, CaseIterable {
        case rejection = "notification-de-rejet"
        case complementRequest = "demande-de-complement"
        case dceChange = "modification-du-dce"
        case free = "courrier-libre"

        package var label: String {
            switch self {
            case .rejection: "Notification de rejet"
            case .complementRequest: "Demande de complément"
            case .dceChange: "Modification du DCE"
            case .free: "Courrier libre"
            }
        }

        /// « Objet du courrier » proposed when the agent picks the type.
        package var defaultSubject: String {
            switch self {
            case .rejection: "Courrier de rejet"
            case .complementRequest: "Demande de précisions ou de compléments"
            case .dceChange: "Modification du dossier de consultation"
            case .free: ""
            }
        }

        /// « Corps du courrier » proposed when the agent picks the type (the seed's rejection text).
        package var defaultBody: String {
            switch self {
            case .rejection:
                "Bonjour,\n\nNous vous remercions d'avoir répondu à la consultation citée en référence.\n"
                    + "Nous sommes toutefois au regret de vous annoncer que votre réponse n'a pas été retenue.\n\n"
                    + "Merci de votre intérêt pour cette consultation.\n"
                    + "La plate-forme de dématérialisation des marchés publics"
            case .complementRequest:
                "Bonjour,\n\nAfin de poursuivre l'analyse de votre réponse, nous vous remercions de nous "
                    + "transmettre les précisions ou compléments suivants :\n\n"
            case .dceChange:
                "Bonjour,\n\nLe dossier de consultation a été modifié. Les pièces modifiées sont jointes à ce "
                    + "courrier ou téléchargeables depuis la page de la consultation.\n"
            case .free: ""
            }
        }
    }

    package var id: Int64?
    package let consultationID: Int64
    package let companyID: Int64
    package let kind: Kind
    package let subject: String
    package let body: String
    /// « Courrier électronique avec accusé de réception généré lors de l'accès au contenu du courrier »:
    /// the first reading is shown to the agents with its time. Without, the reading is still recorded
    /// (journal), but the agents see « Courrier simple ».
    package let withReceipt: Bool
    /// « Le destinataire doit pouvoir répondre à ce courrier » (complement requests only).
    package let replyAllowed: Bool
    /// The company may reply strictly before this second; `nil` without a deadline.
    package let replyDeadline: Int64?
    package let sentBy: Int64
    package let sentAt: Int64
    /// The first reading by one of the company's users.
    package var readAt: Int64?
    package var readBy: Int64?

    package init(
        id: Int64? = nil, consultationID: Int64, companyID: Int64, kind: Kind, subject: String, body: String,
        withReceipt: Bool = true, replyAllowed: Bool = false, replyDeadline: Int64? = nil, sentBy: Int64,
        sentAt: Int64, readAt: Int64? = nil, readBy: Int64? = nil
    ) {
        self.id = id
        self.consultationID = consultationID
        self.companyID = companyID
        self.kind = kind
        self.subject = subject
        self.body = body
        self.withReceipt = withReceipt
        self.replyAllowed = replyAllowed
        self.replyDeadline = replyDeadline
        self.sentBy = sentBy
        self.sentAt = sentAt
        self.readAt = readAt
        self.readBy = readBy
    }

    package var isRead: Bool { readAt != nil }
}

/// A company's answer to a message that allows one, with its files.
package struct MessageReply: Codable, Sendable, Equatable {
    package var id: Int64?
    package let messageID: Int64
    package let bidderID: Int64
    package let body: String
    package let sentAt: Int64

    package init(id: Int64? = nil, messageID: Int64, bidderID: Int64, body: String, sentAt: Int64) {
        self.id = id
        self.messageID = messageID
        self.bidderID = bidderID
        self.body = body
        self.sentAt = sentAt
    }
}

/// A file joined to a message (by the agent) or to a reply (by the company), kept in the file store.
/// Uploaded before the message or reply is sent, it waits unattached (``messageID`` and ``replyID`` `nil`).
package struct MessageAttachment: Codable, Sendable, Equatable {
    package var id: Int64?
    package let consultationID: Int64
    /// Who uploaded it: `agent:ID` or `company:ID` (``JournalActor``'s form).
    package let owner: String
    package var messageID: Int64?
    package var replyID: Int64?
    package let name: String
    package let size: Int64
    package let sha256: String
    package let uploadedAt: Int64

    package init(
        id: Int64? = nil, consultationID: Int64, owner: String, messageID: Int64? = nil, replyID: Int64? = nil,
        name: String, size: Int64, sha256: String, uploadedAt: Int64
    ) {
        self.id = id
        self.consultationID = consultationID
        self.owner = owner
        self.messageID = messageID
        self.replyID = replyID
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
    }
}
