import CorePlatformAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement

/// Questions and answers stored on SQLite and PostgreSQL: a company asks, the buyer answers, the answer is mailed
/// to and shown for the companies that withdrew the DCE, without the asking company; the registre des questions
/// names it for agents; the date limite des questions closes asking.
extension DatabaseTests {
    struct QuestionStorageTests {
        /// Posts a form (URL-encoded `body`) with the session of `client` and its CSRF token.
        static func post(_ client: AgentClient, _ uri: String, _ body: String) async throws -> TestResponse {
            try await client.client.executeRequest(
                uri: uri, method: .post,
                headers: [
                    .cookie: client.cookie, .contentType: "application/x-www-form-urlencoded",
                    SessionMiddleware.csrfHeader: client.csrfToken,
                ],
                body: ByteBuffer(string: body))
        }

        @Test(arguments: StorageBackend.available)
        func answersReachTheWithdrawersWithoutTheAskingCompany(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            try await PlatformHarness.run(
                backend, configure: { $0.noticeMailer = mailer },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let id = scenario.consultationID
                    let registration = try await client.executeRequest(
                        uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
                        body: ByteBuffer(
                            data: try JSONEncoder().encode(
                                DatabaseTests.CompanyAPITests.registration(siret: "73282932000074", login: "bidder-2")))
                    )
                    try #require(registration.status == .created)
                    let other = try await AgentClient.signIn(client, login: "bidder-2", bidder: true)
                    let zip = TestZIP.archive([("RC.pdf", [1])])
                    #expect(
                        try await scenario.admin.send(.put, "/api/consultations/\(id)/dce", bytes: zip).status == .ok)
                    // The second company withdraws the DCE; the first asks (without withdrawing).
                    _ = try await other.send(.get, "/api/public/consultations/\(scenario.reference)/dce")
                    let page = "/consultations-publiques/\(scenario.reference)"
                    let asked = try await Self.post(
                        scenario.bidder, "\(page)/questions", "question=La+visite+est-elle+obligatoire+%3F")
                    #expect(asked.status == .seeOther || asked.status == .found)
                    let empty = try await Self.post(scenario.bidder, "\(page)/questions", "question=+")
                    #expect(empty.status == .badRequest)
                    // The public page again, the reason beside the question's field and the text kept.
                    let emptyPage = String(buffer: empty.body)
                    #expect(emptyPage.contains(#"<p class="field__error" id="question-erreur">Écrivez le texte"#))
                    #expect(emptyPage.contains(#"aria-invalid="true" autofocus> </textarea>"#))
                    #expect(emptyPage.contains("Date limite des questions"))

                    let register = try await scenario.admin.decode(
                        [QuestionService.Line].self, .get, "/api/consultations/\(id)/questions")
                    #expect(register.map(\.companyName) == ["Bâtiments Durand SARL"])
                    let questionID = try #require(register.first?.id)
                    // An empty answer: the consultation's page with the error beside the answer's field.
                    let blank = try await Self.post(
                        scenario.admin, "/consultations/\(id)/questions/\(questionID)/reponse", "reponse=++")
                    #expect(blank.status == .badRequest)
                    let blankPage = String(buffer: blank.body)
                    #expect(blankPage.contains(#"<p class="field__error" id="reponse-\#(questionID)-erreur">"#))
                    #expect(
                        blankPage.contains(
                            #"required aria-invalid="true" aria-describedby="reponse-\#(questionID)-erreur">  </textarea>"#
                        ))
                    #expect(blankPage.contains(##"href="#reponse-\##(questionID)""##))
                    let answered = try await Self.post(
                        scenario.admin, "/consultations/\(id)/questions/\(questionID)/reponse",
                        "reponse=Non%2C+elle+est+facultative.")
                    #expect(answered.status == .seeOther || answered.status == .found)
                    let again = try await Self.post(
                        scenario.admin, "/consultations/\(id)/questions/\(questionID)/reponse", "reponse=Oui.")
                    #expect(again.status == .conflict)

                    // Mailed to the company that withdrew the DCE, not to the asker who did not; no company named.
                    #expect(mailer.messages.map(\.to) == ["bidder-2@durand.invalid"])
                    #expect(mailer.messages.first?.body.contains("facultative") == true)
                    #expect(mailer.messages.first?.body.contains("Durand SARL") == false)
                    // On the page: the withdrawer reads the answer, without who asked; the asker sees its own question.
                    let otherPage = String(buffer: try await other.send(.get, page).body)
                    #expect(otherPage.contains("Non, elle est facultative."))
                    #expect(otherPage.contains("Réponses publiées"))
                    let askerPage = String(buffer: try await scenario.bidder.send(.get, page).body)
                    #expect(askerPage.contains("Vos questions") && askerPage.contains("Non, elle est facultative."))
                    let csv = String(
                        buffer: try await scenario.admin.send(.get, "/api/consultations/\(id)/registres/questions.csv")
                            .body
                    )
                    #expect(csv.contains("Bâtiments Durand SARL") && csv.contains("facultative"))
                    let agentPage = String(buffer: try await scenario.admin.send(.get, "/consultations/\(id)").body)
                    #expect(agentPage.contains("Registre des questions") && agentPage.contains("Bâtiments Durand SARL"))

                    // The buyer sets the date limite des questions: after the plis deadline refused; past, asking closes.
                    let deadline = "/consultations/\(id)/questions/date-limite"
                    let late = try await Self.post(scenario.admin, deadline, "date=01%2F01%2F2999+10%3A00")
                    #expect(late.status == .badRequest)
                    let latePage = String(buffer: late.body)
                    #expect(
                        latePage.contains(
                            #"<p class="field__error" id="date-limite-questions-erreur">Elle doit précéder"#))
                    #expect(latePage.contains(#"name="date" value="01/01/2999 10:00""#))
                    #expect(latePage.contains(##"href="#date-limite-questions""##))
                    let unreadable = try await Self.post(scenario.admin, deadline, "date=demain")
                    #expect(unreadable.status == .badRequest)
                    #expect(String(buffer: unreadable.body).contains(#"id="date-limite-questions-erreur""#))
                    let past = try await Self.post(scenario.admin, deadline, "date=01%2F01%2F2020+10%3A00")
                    #expect(past.status == .seeOther || past.status == .found)
                    let closed = try await Self.post(other, "\(page)/questions", "question=Encore+%3F")
                    #expect(closed.status == .forbidden)
                    let closedPage = String(buffer: closed.body)
                    #expect(closedPage.contains(#"id="question-erreur"><p>La date limite des questions"#))
                    #expect(closedPage.contains("<blockquote>Encore ?</blockquote>"))
                    #expect(
                        try await scenario.admin.decode(
                            [QuestionService.Line].self, .get, "/api/consultations/\(id)/questions"
                        ).count == 1)
                })
        }
    }
}
