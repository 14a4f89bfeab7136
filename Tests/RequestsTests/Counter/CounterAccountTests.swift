import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// A household account opened at the counter (issue 20, item 7): the agent's entity, the members, the
/// activation link mailed, the password set with it, then the sign-in.
extension DatabaseTests {
    struct CounterAccountTests {
        static let account = CounterAccount(
            civility: .madame, lastName: "Bernard", firstName: "Sophie", email: " Sophie.Bernard@Example.invalid ",
            address: "3 rue des Écoles 95000 Cergy",
            members: [
                HouseholdMember(
                    role: .child, civility: .monsieur, lastName: "Bernard", firstName: "Léo",
                    birthDate: CivilDate(2020, 5, 14))
            ])

        @Test(arguments: StorageBackend.available)
        func anAgentOpensAnAccountAndTheCitizenActivatesIt(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let fixture = try await RequestFixture.make(database)
                let bed = FrontOfficeTestbed(database)
                // A reader of a category may not open accounts.
                await #expect(throws: DomainError.self) {
                    try await bed.service.openAtCounter(Self.account, by: fixture.reader) { "https://x/\($0)" }
                }
                let (household, mailed) = try await bed.service.openAtCounter(Self.account, by: fixture.instructor) {
                    "https://sceau.example/citoyen/nouveau-mot-de-passe?jeton=\($0)"
                }
                #expect(mailed)
                #expect(household.state == .valid && household.email == "sophie.bernard@example.invalid")
                #expect(household.members.map(\.firstName) == ["Sophie", "Léo"])
                let cergy = try await database.session { sql in
                    try await RequestEntityRepository(sql: sql).entity(ofAgent: fixture.instructor)
                }
                #expect(household.entityID == cergy)
                // The account is the agent's entity's: found from the back office.
                let found = try await fixture.households.search(
                    name: "Léo", id: nil, state: nil, status: nil, by: fixture.instructor)
                #expect(found.map(\.id).contains(household.id))
                // No password yet: the sign-in fails until the link is used.
                await #expect(throws: (any Error).self) {
                    try await bed.service.signIn(email: "sophie.bernard@example.invalid", password: "mot de passe 2026")
                }
                let mail = try #require(bed.mailer.messages.last)
                #expect(mail.to == "sophie.bernard@example.invalid")
                #expect(mail.subject == "Sceau — activez votre compte foyer")
                let prefix = "https://sceau.example/citoyen/nouveau-mot-de-passe?jeton="
                let line = try #require(mail.body.split(separator: "\n").first { $0.hasPrefix(prefix) })
                let token = String(line.dropFirst(prefix.count))
                #expect(try await bed.service.resetIsLive(token: token))
                try await bed.service.resetPassword(token: token, newPassword: "mot de passe 2026")
                let signedIn = try await bed.service.signIn(
                    email: "sophie.bernard@example.invalid", password: "mot de passe 2026")
                #expect(signedIn.householdID == household.id)
                // The link served once; the same e-mail cannot get a second account.
                #expect(!(try await bed.service.resetIsLive(token: token)))
                await #expect(throws: DomainError.self) {
                    try await bed.service.openAtCounter(Self.account, by: fixture.instructor) { $0 }
                }
            }
        }

        @Test func membersAreReadOneALine() throws {
            let members = try CounterAccount.members(
                "M. ; Léo ; Bernard ; enfant ; 2020-05-14\n\n Mme;Anne;Bernard;adulte \n")
            #expect(members.map(\.firstName) == ["Léo", "Anne"])
            #expect(members.map(\.role) == [.child, .adult])
            #expect(members[0].birthDate == CivilDate(2020, 5, 14) && members[1].birthDate == nil)
            #expect(throws: DomainError.self) { try CounterAccount.members("Léo ; Bernard") }
            #expect(throws: DomainError.self) { try CounterAccount.members("M. ; Léo ; Bernard ; bébé") }
            #expect(throws: DomainError.self) { try CounterAccount.members("M. ; Léo ; Bernard ; enfant ; 14/05/2020") }
            #expect(throws: DomainError.self) { try CounterAccount.members("M. ;  ; Bernard ; enfant") }
        }
    }
}
