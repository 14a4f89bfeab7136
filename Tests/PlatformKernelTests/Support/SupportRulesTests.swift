import Testing

@testable import PlatformKernel

/// The support's rules without storage: the seed's limits, the states' moves and who sees a ticket.
struct SupportRulesTests {
    @Test func theSeedsLimitsHold() throws {
        #expect(try SupportRules.checkSubject("  Connexion impossible ") == "Connexion impossible")
        #expect(throws: DomainError.self) { try SupportRules.checkSubject("   ") }
        #expect(throws: DomainError.self) { try SupportRules.checkSubject(String(repeating: "a", count: 101)) }
        _ = try SupportRules.checkSubject(String(repeating: "a", count: 100))
        #expect(try SupportRules.checkBody("a\r\nb\n") == "a\nb")
        #expect(throws: DomainError.self) { try SupportRules.checkBody(String(repeating: "é", count: 1001)) }
        #expect(try SupportRules.checkEmail(" Lea@Ville.FR ") == "lea@ville.fr")
        #expect(throws: DomainError.self) { try SupportRules.checkEmail("lea") }
        #expect(try SupportRules.checkPhone("01.42.42.42.42") == "01.42.42.42.42")
        #expect(throws: DomainError.self) { try SupportRules.checkPhone("appelez-moi") }
        #expect(throws: DomainError.self) { try SupportRules.checkFileName("../secret") }
        #expect(SupportRules.maximumAttachmentSize == 512_000)
    }

    @Test func anAgentsMessageBringsAWaitingTicketBackToTheSupport() throws {
        #expect(try SupportRules.stateAfterAgentMessage(.new) == .new)
        #expect(try SupportRules.stateAfterAgentMessage(.waitingForAgent) == .inProgress)
        #expect(try SupportRules.stateAfterAgentMessage(.inProgress) == .inProgress)
        #expect(throws: DomainError.self) { try SupportRules.stateAfterAgentMessage(.resolved) }
        #expect(throws: DomainError.self) { try SupportRules.stateAfterAgentMessage(.closed) }
    }

    @Test func theSupportAnswersInAnyStateButClosed() throws {
        #expect(try SupportRules.stateAfterSupportAnswer(.new, chosen: .waitingForAgent) == .waitingForAgent)
        #expect(try SupportRules.stateAfterSupportAnswer(.inProgress, chosen: .resolved) == .resolved)
        #expect(throws: DomainError.self) { try SupportRules.stateAfterSupportAnswer(.closed, chosen: .inProgress) }
        #expect(throws: DomainError.self) { try SupportRules.stateAfterSupportAnswer(.new, chosen: .closed) }
        #expect(throws: DomainError.self) { try SupportRules.stateAfterSupportAnswer(.new, chosen: .new) }
    }

    @Test func closingAndReopening() throws {
        for state in [SupportState.new, .inProgress, .waitingForAgent, .resolved] {
            #expect(try SupportRules.stateAfterClosing(state) == .closed)
        }
        #expect(throws: DomainError.self) { try SupportRules.stateAfterClosing(.closed) }
        #expect(try SupportRules.stateAfterReopening(.closed) == .inProgress)
        #expect(try SupportRules.stateAfterReopening(.resolved) == .inProgress)
        for state in [SupportState.new, .inProgress, .waitingForAgent] {
            #expect(throws: DomainError.self) { try SupportRules.stateAfterReopening(state) }
        }
        #expect(throws: DomainError.self) { try SupportRules.stateSetBySupport(.new, to: .new) }
        #expect(try SupportRules.stateSetBySupport(.closed, to: .new) == .new)
        #expect(SupportState.allCases.filter(\.isOpen) == [.new, .inProgress, .waitingForAgent])
    }

    @Test func whoSeesATicket() {
        let ticket = SupportTicket(
            id: 1, organisationID: 20, entityID: 10, requesterID: 5, requesterName: "Léa Durand",
            contactEmail: "lea@ville.fr", contactPhone: "", category: .technical, subject: "Lenteur", openedAt: 0,
            updatedAt: 0)
        func viewer(_ id: Int64, platform: Bool = false, administered: Set<Int64> = []) -> SupportViewer {
            SupportViewer(
                agentID: id, name: "X", isPlatformAdministrator: platform, administeredOrganisations: administered)
        }
        #expect(viewer(5).sees(ticket))
        #expect(!viewer(6).sees(ticket))
        #expect(viewer(6, administered: [10, 20]).sees(ticket))
        #expect(!viewer(6, administered: [30]).sees(ticket))
        #expect(viewer(7, platform: true).sees(ticket))
    }

    @Test func theSearchFormIsRead() throws {
        var fields = SupportDashboardView.Fields()
        fields.number = " 12 "
        fields.state = "ouverts"
        fields.category = "technique"
        fields.openedFrom = "2026-12-01"
        fields.openedTo = "01/12/2026"
        let search = try SupportController.search(fields)
        #expect(search.number == 12 && search.openOnly == true && search.state == nil)
        #expect(search.category == .technical)
        #expect(try #require(search.openedBefore) - (try #require(search.openedFrom)) == 86_400)
        fields.number = "douze"
        #expect(throws: DomainError.self) { try SupportController.search(fields) }
        fields.number = ""
        fields.state = "attente-precisions"
        #expect(try SupportController.search(fields).state == .waitingForAgent)
    }
}
