import Foundation
import Testing

@testable import PlatformKernel
@testable import Procurement

/// The rules of the « messagerie sécurisée », without storage.
struct MessagingRulesTests {
    private func message(
        kind: BidderMessage.Kind = .complementRequest, replyAllowed: Bool = true, deadline: Int64? = 2_000,
        readAt: Int64? = nil
    ) -> BidderMessage {
        BidderMessage(
            id: 1, consultationID: 7, companyID: 3, kind: kind, subject: "Objet", body: "Corps",
            replyAllowed: replyAllowed, replyDeadline: deadline, sentBy: 9, sentAt: 1_000, readAt: readAt,
            readBy: readAt.map { _ in 5 })
    }

    @Test func onlyCompaniesThatDepositedOrWithdrewMayReceive() throws {
        try MessagingRules.checkRecipients([1, 2], eligible: [1, 2, 3])
        #expect(throws: DomainError.self) { try MessagingRules.checkRecipients([1, 4], eligible: [1, 2, 3]) }
        do {
            try MessagingRules.checkRecipients([4], eligible: [])
            Issue.record("a company that neither deposited nor withdrew was accepted")
        } catch {
            guard case .invalidField(let field, let reason) = error else { return }
            #expect(field == "destinataires")
            #expect(reason.contains("ni déposé de réponse ni retiré le DCE"))
        }
        #expect(
            throws: DomainError.invalidField(field: "destinataires", reason: "Choisissez au moins un destinataire.")
        ) {
            try MessagingRules.checkRecipients([], eligible: [1])
        }
    }

    @Test func theFirstReadingIsTheReceiptAndLaterOnesChangeNothing() throws {
        let unread = message()
        let first = try #require(MessagingRules.firstReading(of: unread, by: 5, at: 1_500))
        #expect(first.readAt == 1_500)
        #expect(first.readBy == 5)
        #expect(first.isRead)
        #expect(MessagingRules.firstReading(of: first, by: 6, at: 1_600) == nil)
    }

    @Test func aReplyIsAcceptedStrictlyBeforeItsDeadline() throws {
        try MessagingRules.checkReply(to: message(), body: "Voici", at: 1_999)
        #expect(MessagingRules.mayReply(to: message(), at: 1_999))
        #expect(!MessagingRules.mayReply(to: message(), at: 2_000))
        do {
            try MessagingRules.checkReply(to: message(), body: "Voici", at: 2_000)
            Issue.record("a reply at the deadline was accepted")
        } catch {
            guard case .conflict(let reason) = error else { return }
            #expect(reason.contains("délai de réponse est dépassé"))
        }
        #expect(throws: DomainError.self) {
            try MessagingRules.checkReply(to: message(kind: .rejection, replyAllowed: false), body: "Non", at: 1_500)
        }
        #expect(!MessagingRules.mayReply(to: message(kind: .rejection, replyAllowed: false), at: 1_500))
        #expect(throws: DomainError.self) { try MessagingRules.checkReply(to: message(), body: "  \n", at: 1_500) }
    }

    @Test func aReplyNeedsAComplementRequestAndAFutureDeadline() throws {
        try MessagingRules.checkMessage(
            kind: .complementRequest, subject: "Pièces", body: "Merci", replyAllowed: true, replyDeadline: 2_000,
            at: 1_000)
        try MessagingRules.checkMessage(
            kind: .rejection, subject: "Courrier de rejet", body: "Regret", replyAllowed: false, replyDeadline: nil,
            at: 1_000)
        for (kind, deadline) in [
            (BidderMessage.Kind.rejection, Int64(2_000)), (.complementRequest, 1_000), (.free, 2_000),
        ] {
            #expect(throws: DomainError.self, "\(kind) \(deadline)") {
                try MessagingRules.checkMessage(
                    kind: kind, subject: "S", body: "B", replyAllowed: true, replyDeadline: deadline, at: 1_000)
            }
        }
        #expect(throws: DomainError.self) {
            try MessagingRules.checkMessage(
                kind: .complementRequest, subject: "S", body: "B", replyAllowed: true, replyDeadline: nil, at: 1_000)
        }
        #expect(throws: DomainError.self) {
            try MessagingRules.checkMessage(
                kind: .free, subject: " ", body: "B", replyAllowed: false, replyDeadline: nil, at: 1_000)
        }
        #expect(throws: DomainError.self) {
            try MessagingRules.checkMessage(
                kind: .free, subject: "Ligne\nautre", body: "B", replyAllowed: false, replyDeadline: nil, at: 1_000)
        }
        #expect(throws: DomainError.self) {
            try MessagingRules.checkMessage(
                kind: .free, subject: "S", body: "", replyAllowed: false, replyDeadline: nil, at: 1_000)
        }
    }

    @Test func aCompanySeesOnlyItsOwnMessages() {
        #expect(MessagingRules.isAddressed(message(), to: 3))
        #expect(!MessagingRules.isAddressed(message(), to: 4))
        #expect(!MessagingRules.isAddressed(message(), to: nil))
    }

    @Test func attachmentsHaveAPlainNameAndASizeLimit() throws {
        try MessagingRules.checkAttachment(name: "rejet.pdf", size: 10, alreadyPending: 0)
        for name in ["", "../etc/passwd", "a/b.pdf", "a\\b.pdf", "..", "ligne\n.pdf"] {
            #expect(throws: DomainError.self, "\(name)") {
                try MessagingRules.checkAttachment(name: name, size: 10, alreadyPending: 0)
            }
        }
        #expect(throws: DomainError.self) {
            try MessagingRules.checkAttachment(name: "vide.pdf", size: 0, alreadyPending: 0)
        }
        #expect(throws: MessagingRules.tooLarge) {
            try MessagingRules.checkAttachment(
                name: "gros.pdf", size: MessagingRules.maximumAttachmentSize + 1, alreadyPending: 0)
        }
        #expect(throws: DomainError.self) {
            try MessagingRules.checkAttachment(
                name: "onzieme.pdf", size: 1, alreadyPending: MessagingRules.maximumAttachments)
        }
        #expect(MessageText.sizeLimit.contains("20 Mo") || MessageText.sizeLimit.contains("20"))
    }
}
