import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement

/// The agents' opening forms, refused, on SQLite and PostgreSQL: the consultation's page comes back with the
/// reason beside the field (marked `aria-invalid`, described by the error), what was typed kept, the « Plis »
/// tab's field in error, and a summary at the top linking to the field.
extension DatabaseTests {
    struct OpeningFormRefusalTests {
        /// Posts an HTML form (`application/x-www-form-urlencoded`) with the agent's session.
        static func post(_ agent: AgentClient, _ uri: String, _ fields: [(String, String)]) async throws
            -> (HTTPResponse.Status, String)
        {
            let body = fields.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            let response = try await agent.client.executeRequest(
                uri: uri, method: .post,
                headers: [
                    .cookie: agent.cookie, .contentType: "application/x-www-form-urlencoded",
                    SessionMiddleware.csrfHeader: agent.csrfToken,
                ], body: ByteBuffer(string: body))
            return (response.status, String(buffer: response.body))
        }

        @Test(arguments: StorageBackend.available)
        func refusedAdmissionAndRankingShowTheErrorBesideTheField(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client, openingMode: .byFolder)
                defer { scenario.base.cleanUp() }
                let (pli1, pli2) = (scenario.plis[0], scenario.plis[1])
                let id = scenario.consultationID
                let (all, credential) = try await scenario.claimedJob(.openOnline)
                for pli in 1...2 {
                    for sample in scenario.files(pli: pli, .application) {
                        try await scenario.open(sample, job: all.id, credential: credential)
                    }
                }
                let admission = "/consultations/\(id)/plis/\(pli2)/admission"

                // « Non admissible » without a reason: the error beside the motif, the decision kept.
                let (status, page) = try await Self.post(
                    scenario.admin, admission, [("decision", "non-admissible"), ("reason", "")])
                #expect(status == .badRequest)
                #expect(page.contains(#"id="erreurs""#))
                #expect(page.contains(##"href="#motif-\##(pli2)""##))
                #expect(page.contains(#"<p class="field__error" id="motif-\#(pli2)-erreur">"#))
                #expect(page.contains(#"aria-invalid="true" aria-describedby="motif-\#(pli2)-erreur""#))
                #expect(page.contains(#"<option value="non-admissible" selected>"#))
                // The other pli's form is untouched.
                #expect(!page.contains("motif-\(pli1)-erreur"))

                // A reason too long: the error beside the motif, the text typed kept.
                let long = String(repeating: "a", count: 2001)
                let (longStatus, longPage) = try await Self.post(
                    scenario.admin, admission, [("decision", "non-admissible"), ("reason", long)])
                #expect(longStatus == .badRequest)
                #expect(longPage.contains("2 000 caractères au plus."))
                #expect(longPage.contains(#"value="\#(long)" aria-invalid="true""#))

                // Decided, pli 1's offer opened: a rank that is not a number is refused beside the ranks.
                let (ok1, _) = try await Self.post(
                    scenario.admin, "/consultations/\(id)/plis/\(pli1)/admission", [("decision", "admissible")])
                #expect(ok1 == .seeOther || ok1 == .found)
                let (ok2, _) = try await Self.post(
                    scenario.admin, admission, [("decision", "non-admissible"), ("reason", "Hors délai")])
                #expect(ok2 == .seeOther || ok2 == .found)
                let (offers, offerCredential) = try await scenario.claimedJob(.openOnline)
                for sample in scenario.files(pli: 1, .offer) {
                    try await scenario.open(sample, job: offers.id, credential: offerCredential)
                }
                let (rankStatus, rankPage) = try await Self.post(
                    scenario.admin, "/consultations/\(id)/classement", [("rang-\(pli1)", "premier")])
                #expect(rankStatus == .badRequest)
                #expect(rankPage.contains(#"<p class="field__error" id="classement-erreur">"#))
                #expect(rankPage.contains("Donnez à chaque pli un rang en chiffres"))
                #expect(
                    rankPage.contains(
                        #"value="premier" inputmode="numeric" pattern="[0-9]*" size="4" required aria-invalid="true" aria-describedby="classement-erreur""#
                    ))
                #expect(rankPage.contains(##"href="#rang-\##(pli1)""##))
            }
        }
    }
}
