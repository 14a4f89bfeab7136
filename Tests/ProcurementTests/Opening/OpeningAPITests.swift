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
@testable import Requests

/// Selective opening through the API, on SQLite and PostgreSQL: jobs name exactly the selected envelopes, the
/// platform refuses (409, in French) what the opening mode, the admissions and the ranking do not allow yet, at
/// the job's creation and when a key is released; admissions, ranking and refusals are journaled; the
/// procès-verbal (HTML and PDF) lists them.
extension DatabaseTests {
    struct OpeningAPITests {
        typealias Choice = OpeningAPI.EnvelopeChoice

        /// Asks for a job naming `choices`.
        static func request(
            _ scenario: RemoteJobScenario, _ kind: PlatformAPI.RemoteJobKind, _ choices: [Choice]
        ) async throws -> TestResponse {
            try await scenario.admin.send(
                .post, "/api/consultations/\(scenario.consultationID)/jobs",
                json: RemoteJobController.NewJob(kind: kind, envelopes: choices))
        }

        /// A claimed job naming `choices`: its descriptor and credential.
        static func claimed(
            _ scenario: RemoteJobScenario, _ kind: PlatformAPI.RemoteJobKind, _ choices: [Choice]
        ) async throws -> (PlatformAPI.RemoteJobDescriptor, String) {
            let response = try await request(scenario, kind, choices)
            try #require(response.status == .created, "\(String(buffer: response.body))")
            let offer = try JSONDecoder().decode(PlatformAPI.RemoteJobOffer.self, from: Data(buffer: response.body))
            let descriptor = try offer.verifiedDescriptor(publicKeyPEM: try await scenario.publicKeyPEM())
            let claim = try await scenario.bearer(.post, PlatformAPI.RemoteJobRoute.claim(descriptor.id), offer.token)
            try #require(claim.status == .ok)
            let credential = try JSONDecoder().decode(
                PlatformAPI.RemoteJobCredential.self, from: Data(buffer: claim.body))
            return (descriptor, credential.credential)
        }

        static func named(_ descriptor: PlatformAPI.RemoteJobDescriptor) -> Set<String> {
            Set(descriptor.plis.flatMap { pli in pli.envelopes.map { "\(pli.depositID):\($0.kind)" } })
        }

        static func board(_ scenario: RemoteJobScenario) async throws -> OpeningAPI.BoardView {
            try await scenario.admin.decode(
                OpeningAPI.BoardView.self, .get, "/api/consultations/\(scenario.consultationID)/opening")
        }

        static func state(_ board: OpeningAPI.BoardView, _ deposit: Int64, _ envelope: ConsultationEnvelope)
            -> OpeningBoard.EnvelopeState?
        {
            board.plis.first { $0.depositId == deposit }?.envelopes.first { $0.envelope == envelope }?.state
        }

        /// « Par dossier » with an anonymity envelope: candidatures, admissions, the admitted pli's offer only,
        /// the ranking, then its anonymity envelope; the other pli's offer stays closed.
        @Test(arguments: StorageBackend.available)
        func byFolderOpensCandidaturesThenTheAdmittedOfferThenAnonymity(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(
                    harness, client, openingMode: .byFolder, envelopes: [.application, .offer, .anonymity])
                defer { scenario.base.cleanUp() }
                let (pli1, pli2) = (scenario.plis[0], scenario.plis[1])
                let id = scenario.consultationID
                var board = try await Self.board(scenario)
                #expect(board.mode == .byFolder)
                #expect(board.plis.map(\.depositId) == [pli1, pli2])
                #expect(board.plis[0].envelopes.map(\.openable) == [true, false, false])

                // An offer before the candidatures: refused, journaled.
                let early = try await Self.request(scenario, .openOnline, [Choice(depositId: pli2, envelope: .offer)])
                #expect(early.status == .conflict)
                #expect(String(buffer: early.body).contains("candidatures"))
                // Without a selection: the candidatures only.
                let (all, allCredential) = try await scenario.claimedJob(.openOnline)
                #expect(Self.named(all) == ["\(pli1):candidature", "\(pli2):candidature"])
                // A job names exactly what is selected.
                let (one, oneCredential) = try await Self.claimed(
                    scenario, .openOnline, [Choice(depositId: pli1, envelope: .application)])
                #expect(Self.named(one) == ["\(pli1):candidature"])
                for sample in scenario.files(pli: 1, .application) {
                    try await scenario.open(sample, job: one.id, credential: oneCredential)
                }
                // The other pli's candidature is not in that job.
                let other = try #require(scenario.files(pli: 2, .application).first)
                let outside = try await scenario.release(
                    try scenario.contentKey(other), file: other.id, job: one.id, credential: oneCredential)
                #expect(outside.status == .notFound)
                // Deciding pli 2 before its candidature is open: refused.
                let undecidable = try await scenario.admin.send(
                    .put, "/api/consultations/\(id)/plis/\(pli2)/admission",
                    json: OpeningAPI.AdmissionInput(decision: .admitted))
                #expect(undecidable.status == .conflict)
                for sample in scenario.files(pli: 2, .application) {
                    try await scenario.open(sample, job: all.id, credential: allCredential)
                }
                // One candidature decided: offers still closed.
                _ = try await scenario.admin.decode(
                    OpeningAPI.BoardView.self, .put, "/api/consultations/\(id)/plis/\(pli1)/admission",
                    json: OpeningAPI.AdmissionInput(decision: .admitted))
                let undecided = try await Self.request(
                    scenario, .openOnline, [Choice(depositId: pli1, envelope: .offer)])
                #expect(undecided.status == .conflict)
                #expect(String(buffer: undecided.body).contains("sans décision"))
                // « Non admissible » needs a reason.
                let noReason = try await scenario.admin.send(
                    .put, "/api/consultations/\(id)/plis/\(pli2)/admission",
                    json: OpeningAPI.AdmissionInput(decision: .rejected, reason: " "))
                #expect(noReason.status == .badRequest)
                board = try await scenario.admin.decode(
                    OpeningAPI.BoardView.self, .put, "/api/consultations/\(id)/plis/\(pli2)/admission",
                    json: OpeningAPI.AdmissionInput(decision: .rejected, reason: "Attestation d'assurance absente"))
                #expect(board.plis[1].admission?.decision == .rejected)
                #expect(board.plis[1].admission?.reason == "Attestation d'assurance absente")

                // Pli 2 not admitted: its offer stays closed, online, downloaded or read directly.
                let refused = try await Self.request(scenario, .openOnline, [Choice(depositId: pli2, envelope: .offer)])
                #expect(refused.status == .conflict)
                #expect(String(buffer: refused.body).contains("n'est pas admis"))
                #expect(
                    try await Self.request(scenario, .download, [Choice(depositId: pli2, envelope: .offer)]).status
                        == .conflict)
                let offer2 = try #require(scenario.files(pli: 2, .offer).first)
                #expect(
                    try await scenario.admin.send(.get, "/api/deposits/\(pli2)/files/\(offer2.id)/content").status
                        == .conflict)
                // Pli 1's offer only.
                let (offerJob, offerCredential) = try await scenario.claimedJob(.openOnline)
                #expect(Self.named(offerJob) == ["\(pli1):offre"])
                for sample in scenario.files(pli: 1, .offer) {
                    try await scenario.open(sample, job: offerJob.id, credential: offerCredential)
                }
                // The admission no longer changes once its offer is open.
                let late = try await scenario.admin.send(
                    .put, "/api/consultations/\(id)/plis/\(pli1)/admission",
                    json: OpeningAPI.AdmissionInput(decision: .rejected, reason: "Erreur"))
                #expect(late.status == .conflict)

                // Anonymity: only after the ranking, only for the admitted pli.
                let anonymity = [Choice(depositId: pli1, envelope: .anonymity)]
                let beforeRanking = try await Self.request(scenario, .openOnline, anonymity)
                #expect(beforeRanking.status == .conflict)
                #expect(String(buffer: beforeRanking.body).contains("classement"))
                let badRanking = try await scenario.admin.send(
                    .put, "/api/consultations/\(id)/ranking",
                    json: OpeningAPI.RankingInput(ranks: [
                        .init(depositId: pli1, rank: 1), .init(depositId: pli2, rank: 2),
                    ]))
                #expect(badRanking.status == .badRequest)
                board = try await scenario.admin.decode(
                    OpeningAPI.BoardView.self, .put, "/api/consultations/\(id)/ranking",
                    json: OpeningAPI.RankingInput(ranks: [.init(depositId: pli1, rank: 1)]))
                #expect(board.rankingRecorded)
                #expect(board.plis[0].rank == 1)
                #expect(
                    try await Self.request(scenario, .openOnline, [Choice(depositId: pli2, envelope: .anonymity)])
                        .status
                        == .conflict)
                let (last, lastCredential) = try await Self.claimed(scenario, .openOnline, anonymity)
                for sample in scenario.files(pli: 1, .anonymity) {
                    try await scenario.open(sample, job: last.id, credential: lastCredential)
                }
                board = try await Self.board(scenario)
                #expect(Self.state(board, pli1, .anonymity) == .openedOnline)
                #expect(Self.state(board, pli2, .offer) == .closed)
                #expect(Self.state(board, pli2, .anonymity) == .closed)

                // Journaled: the decisions, the ranking, the refusals.
                #expect(try await scenario.journal(.pliAdmitted, harness: harness).count == 1)
                let rejections = try await scenario.journal(.pliRejected, harness: harness)
                #expect(rejections.first?.event.details["reason"] == "Attestation d'assurance absente")
                #expect(try await scenario.journal(.rankingRecorded, harness: harness).count == 1)
                #expect(try await scenario.journal(.openingRefused, harness: harness).count >= 5)

                // The procès-verbal lists who opened what, the admissions and the ranking; its PDF too.
                let page = try await scenario.admin.send(.get, "/consultations/\(id)/proces-verbal")
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                for text in [
                    "Procès-verbal d'ouverture", "Non admissible", "assurance absente", "Admissible",
                    "En ligne", "Anonymat",
                ] {
                    #expect(html.contains(text), "\(text)")
                }
                let pdf = try await scenario.admin.send(.get, "/consultations/\(id)/proces-verbal.pdf")
                #expect(pdf.status == .ok)
                #expect(pdf.headers[.contentType] == "application/pdf")
                let bytes = Array(pdf.body.readableBytesView)
                #expect(bytes.starts(with: Array("%PDF-1.4".utf8)))
                #expect(String(decoding: bytes, as: UTF8.self).contains("CLASSEMENT"))
            }
        }

        /// A key released after the rules changed is refused: pli 1's offer job was made while it was admitted,
        /// then its candidature was declared « Non admissible ».
        @Test(arguments: StorageBackend.available)
        func aKeyIsRefusedOnceTheRulesNoLongerAllowItsEnvelope(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client, openingMode: .byFolder)
                defer { scenario.base.cleanUp() }
                let (pli1, pli2) = (scenario.plis[0], scenario.plis[1])
                let id = scenario.consultationID
                let (all, credential) = try await scenario.claimedJob(.openOnline)
                for sample in scenario.files(pli: 1, .application) + scenario.files(pli: 2, .application) {
                    try await scenario.open(sample, job: all.id, credential: credential)
                }
                for pli in [pli1, pli2] {
                    _ = try await scenario.admin.decode(
                        OpeningAPI.BoardView.self, .put, "/api/consultations/\(id)/plis/\(pli)/admission",
                        json: OpeningAPI.AdmissionInput(decision: .admitted))
                }
                let (offers, offersCredential) = try await scenario.claimedJob(.openOnline)
                #expect(Self.named(offers) == ["\(pli1):offre", "\(pli2):offre"])
                _ = try await scenario.admin.decode(
                    OpeningAPI.BoardView.self, .put, "/api/consultations/\(id)/plis/\(pli1)/admission",
                    json: OpeningAPI.AdmissionInput(decision: .rejected, reason: "Sous-traitant non déclaré"))
                let offer = try #require(scenario.files(pli: 1, .offer).first)
                let refused = try await scenario.release(
                    try scenario.contentKey(offer), file: offer.id, job: offers.id, credential: offersCredential)
                #expect(refused.status == .conflict)
                #expect(String(buffer: refused.body).contains("n'est pas admis"))
                for sample in scenario.files(pli: 2, .offer) {
                    try await scenario.open(sample, job: offers.id, credential: offersCredential)
                }
                let board = try await Self.board(scenario)
                #expect(Self.state(board, pli1, .offer) == .closed)
                #expect(Self.state(board, pli2, .offer) == .openedOnline)
                #expect(try await scenario.journal(.envelopeKeyReleased, harness: harness).isEmpty == false)
            }
        }

        /// « Par réponse »: a pli's candidature and offer go together; a download job that ends well counts its
        /// envelopes as opened offline, which the board and the procès-verbal show.
        @Test(arguments: StorageBackend.available)
        func byResponseOpensAPliWholeAndADownloadCountsAsAnOfflineOpening(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client, openingMode: .byResponse)
                defer { scenario.base.cleanUp() }
                let (pli1, pli2) = (scenario.plis[0], scenario.plis[1])
                let alone = try await Self.request(
                    scenario, .download, [Choice(depositId: pli2, envelope: .application)])
                #expect(alone.status == .conflict)
                #expect(String(buffer: alone.body).contains("s'ouvrent ensemble"))
                let pli2Whole = [
                    Choice(depositId: pli2, envelope: .application), Choice(depositId: pli2, envelope: .offer),
                ]
                let (download, credential) = try await Self.claimed(scenario, .download, pli2Whole)
                #expect(Self.named(download) == ["\(pli2):candidature", "\(pli2):offre"])
                // The job serves its own files only.
                let foreign = try #require(scenario.files(pli: 1, .offer).first)
                #expect(
                    try await scenario.bearer(
                        .get, "/api/jobs/\(download.id)/files/\(foreign.id)", credential
                    ).status == .notFound)
                let done = try await scenario.bearer(
                    .post, "/api/jobs/\(download.id)/progress", credential,
                    json: PlatformAPI.RemoteJobProgress(
                        state: .succeeded, step: 3, stepName: "Téléchargement terminé", percent: 100))
                #expect(done.status == .noContent)
                let board = try await Self.board(scenario)
                #expect(Self.state(board, pli2, .application) == .openedOffline)
                #expect(Self.state(board, pli2, .offer) == .openedOffline)
                #expect(Self.state(board, pli1, .offer) == .closed)
                // Opened offline, its candidature is decided afterwards (« par réponse », with its offer open).
                let decided = try await scenario.admin.send(
                    .put, "/api/consultations/\(scenario.consultationID)/plis/\(pli2)/admission",
                    json: OpeningAPI.AdmissionInput(decision: .admitted))
                #expect(decided.status == .ok, "\(String(buffer: decided.body))")
                let page = String(
                    buffer: try await scenario.admin.send(
                        .get, "/consultations/\(scenario.consultationID)/proces-verbal"
                    ).body)
                #expect(page.contains("Téléchargée pour une ouverture hors ligne"))
                let opened = try await scenario.journal(.envelopeOpened, harness: harness)
                #expect(opened.filter { $0.event.details["mode"] == "hors-ligne" }.count == 2)
            }
        }

        /// Agents without the opening right see no board and decide nothing.
        @Test(arguments: StorageBackend.available)
        func theBoardAndDecisionsNeedTheOpeningRight(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client, openingMode: .byFolder)
                defer { scenario.base.cleanUp() }
                let id = scenario.consultationID
                #expect(
                    [.unauthorized, .forbidden, .notFound].contains(
                        try await scenario.base.bidder.send(.get, "/api/consultations/\(id)/opening").status))
                try await scenario.base.set(deadline: Timestamp.now() + 3600, state: .consultation)
                #expect(try await scenario.admin.send(.get, "/api/consultations/\(id)/opening").status == .forbidden)
                #expect(
                    try await scenario.admin.send(
                        .put, "/api/consultations/\(id)/ranking", json: OpeningAPI.RankingInput(ranks: [])
                    ).status == .forbidden)
            }
        }
    }
}
