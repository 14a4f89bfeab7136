import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The rights rules of the seed, without storage: roles per organisation type, "grant only what you
/// hold", administration over the whole subtree, no role before a key.
struct RightsTests {
    private let city = Organisation(id: 1, name: "Ville", type: .large)
    private let purchasing = Organisation(id: 2, parentID: 1, name: "Achats", type: .medium)
    private let works = Organisation(id: 3, parentID: 2, name: "Travaux", type: .small)
    private let other = Organisation(id: 9, name: "Autre ville", type: .large)

    private var cityPath: OrganisationPath { .init(organisations: [city]) }
    private var purchasingPath: OrganisationPath { .init(organisations: [city, purchasing]) }
    private var worksPath: OrganisationPath { .init(organisations: [city, purchasing, works]) }

    @Test func rolesDependOnTheOrganisationType() {
        #expect(ProcurementRole.available(in: .small) == [.buyer, .contractingAuthorityAndChair])
        #expect(ProcurementRole.available(in: .medium) == [.buyer, .tenderBoardChair, .contractingAuthority])
        #expect(ProcurementRole.available(in: .large).count == 4)
        #expect(ProcurementRole.available(in: .singleActor) == [.singleActor])
        #expect(ProcurementRole.buyerAssistant.rights(in: .medium).isEmpty)
    }

    @Test func onlyTheChairAndTheAuthorityOpenBids() {
        for type in OrganisationType.allCases {
            for role in ProcurementRole.available(in: type) {
                let opens = role.rights(in: type).contains(.open)
                let expected = [.tenderBoardChair, .contractingAuthority, .contractingAuthorityAndChair, .singleActor]
                    .contains(role)
                #expect(opens == expected, "\(role) in \(type)")
            }
        }
        #expect(!ProcurementRole.buyer.rights(in: .small).contains(.open))
        #expect(ProcurementRole.buyer.rights(in: .small).contains(.validate))
        #expect(!ProcurementRole.buyer.rights(in: .large).contains(.validate))
        #expect(ProcurementRole.buyerAssistant.rights(in: .large) == [.read, .manageDocuments, .viewRegisters])
    }

    @Test func rolesHeldAboveApplyBelowWithTheRightsOfTheirOrganisation() {
        var authority = AgentAuthority(agentID: 7, homeOrganisationID: 1)
        authority.roles[2] = [.tenderBoardChair]
        #expect(authority.consultationRights(on: worksPath) == [.read, .viewRegisters, .open])
        #expect(authority.consultationRights(on: cityPath).isEmpty)
    }

    @Test func administratorsAdministerTheirWholeSubtree() throws {
        let actor = AgentAuthority(
            agentID: 1, homeOrganisationID: 2, administrationRights: [.createSubEntityUsers, .createSubEntities])
        #expect(actor.relation(to: purchasingPath) == .home)
        #expect(actor.relation(to: worksPath) == .subEntity)
        #expect(actor.relation(to: cityPath) == .outside)
        let policy = AdministrationPolicy(actor: actor)
        try policy.checkManageAgents(in: worksPath)
        try policy.checkManageSubEntities(under: worksPath)
        #expect(throws: DomainError.self) { try policy.checkManageAgents(in: purchasingPath) }
        #expect(throws: DomainError.self) { try policy.checkManageAgents(in: cityPath) }
        #expect(throws: DomainError.self) { try policy.checkManageAgents(in: .init(organisations: [other])) }
    }

    @Test func administratorsGrantOnlyWhatTheyHold() throws {
        let actor = AgentAuthority(
            agentID: 1, homeOrganisationID: 1, administrationRights: [.createUsers, .createAdministrators],
            managementRights: [.viewStatistics])
        let policy = AdministrationPolicy(actor: actor)
        try policy.checkGrant([.createUsers], in: cityPath)
        try policy.checkGrant(Set<ManagementRight>([.viewStatistics]), in: cityPath)
        #expect(throws: DomainError.self) { try policy.checkGrant([.createSubEntities], in: cityPath) }
        #expect(throws: DomainError.self) { try policy.checkGrant(Set<ManagementRight>([.viewPoints]), in: cityPath) }
        // Granting in a sub-entity needs the sub-entity right, not the home one.
        #expect(throws: DomainError.self) { try policy.checkGrant([.createUsers], in: purchasingPath) }
    }

    @Test func noRoleBeforeAnEncryptionKey() throws {
        let actor = AgentAuthority(agentID: 1, homeOrganisationID: 1, administrationRights: [.createUsers])
        let policy = AdministrationPolicy(actor: actor)
        #expect(throws: DomainError.self) { try policy.checkGrant(.buyer, in: cityPath, serviceHasKey: false) }
        try policy.checkGrant(.buyer, in: cityPath, serviceHasKey: true)
        // A role the organisation type does not offer is refused even with a key.
        #expect(throws: DomainError.self) {
            try policy.checkGrant(.contractingAuthorityAndChair, in: cityPath, serviceHasKey: true)
        }
    }
}
