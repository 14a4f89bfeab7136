import HTTPTypes
import Testing

@testable import PlatformKernel
@testable import Procurement

/// The rules of « Ouverture et Analyse » (``OpeningPolicy``): modes, admission gating, anonymity order.
struct OpeningPolicyTests {
    typealias Pli = OpeningBoard.Pli

    /// Two plis with candidature, offer and anonymity envelopes, all closed.
    static func board(
        _ mode: ConsultationModalities.OpeningMode,
        envelopes: [ConsultationEnvelope] = [.application, .offer, .anonymity]
    ) -> OpeningBoard {
        let closed = Dictionary(uniqueKeysWithValues: envelopes.map { ($0, OpeningBoard.EnvelopeState.closed) })
        return OpeningBoard(
            mode: mode,
            plis: [
                Pli(number: 1, depositID: 11, company: "Toitures Martin", envelopes: closed),
                Pli(number: 2, depositID: 22, company: "Charpentes Leroy", envelopes: closed),
            ])
    }

    static func ref(_ deposit: Int64, _ envelope: ConsultationEnvelope) -> EnvelopeRef {
        EnvelopeRef(depositID: deposit, envelope: envelope)
    }

    /// The refusal `body` throws, `nil` when it passes.
    static func refusal(_ body: () throws -> Void) -> DomainError? {
        do {
            try body()
            return nil
        } catch let error as DomainError {
            return error
        } catch {
            return .conflict(reason: "\(error)")
        }
    }

    // MARK: - « Par dossier »

    @Test func byFolderOpensCandidaturesFirstAndOffersOnlyOnceAllAreOpenedAndDecided() throws {
        var board = Self.board(.byFolder)
        var policy = OpeningPolicy(board)
        #expect(policy.openable(for: .openOnline) == [Self.ref(11, .application), Self.ref(22, .application)])
        // Offers before any candidature is open: refused with what to do.
        let early = Self.refusal { try policy.check([Self.ref(11, .offer)], for: .openOnline) }
        #expect(early?.status == .conflict)
        #expect(early?.description.contains("candidatures") == true)
        // A single candidature may be opened alone.
        #expect(Self.refusal { try policy.check([Self.ref(11, .application)], for: .openOnline) } == nil)
        // Both candidatures opened, one decided: still refused.
        board.plis[0].envelopes[.application] = .openedOnline
        board.plis[1].envelopes[.application] = .openedOffline
        board.plis[0].admission = .admitted
        policy = OpeningPolicy(board)
        let undecided = Self.refusal { try policy.check([Self.ref(11, .offer)], for: .openOnline) }
        #expect(undecided?.description.contains("sans décision") == true)
        // Both decided: the admitted pli's offer opens, the other's stays closed.
        board.plis[1].admission = .rejected
        policy = OpeningPolicy(board)
        #expect(Self.refusal { try policy.check([Self.ref(11, .offer)], for: .openOnline) } == nil)
        let rejected = Self.refusal { try policy.check([Self.ref(22, .offer)], for: .openOnline) }
        #expect(rejected?.status == .conflict)
        #expect(rejected?.description.contains("n'est pas admis") == true)
        #expect(Self.refusal { try policy.check([Self.ref(22, .offer)], for: .download) }?.status == .conflict)
        #expect(policy.openable(for: .openOnline) == [Self.ref(11, .offer)])
        // Already open online: not again online, but downloadable.
        let again = Self.refusal { try policy.check([Self.ref(11, .application)], for: .openOnline) }
        #expect(again?.description.contains("déjà ouverte en ligne") == true)
        #expect(Self.refusal { try policy.check([Self.ref(11, .application)], for: .download) } == nil)
    }

    @Test func withoutCandidaturesOffersOpenAtOnce() {
        let policy = OpeningPolicy(Self.board(.byFolder, envelopes: [.offer]))
        #expect(policy.openable(for: .openOnline) == [Self.ref(11, .offer), Self.ref(22, .offer)])
        #expect(Self.refusal { try policy.check([Self.ref(22, .offer)], for: .openOnline) } == nil)
    }

    // MARK: - « Par réponse »

    @Test func byResponseOpensAPlisEnvelopesTogether() {
        let policy = OpeningPolicy(Self.board(.byResponse))
        let alone = Self.refusal { try policy.check([Self.ref(11, .application)], for: .openOnline) }
        #expect(alone?.status == .conflict)
        #expect(alone?.description.contains("s'ouvrent ensemble") == true)
        #expect(Self.refusal { try policy.check([Self.ref(11, .offer)], for: .download) } != nil)
        #expect(
            Self.refusal { try policy.check([Self.ref(11, .application), Self.ref(11, .offer)], for: .openOnline) }
                == nil)
        // One pli, then the other: no waiting for the other plis' candidatures.
        #expect(policy.openable(for: .openOnline).count == 4)
        #expect(policy.mayOpen(Self.ref(22, .offer), for: .openOnline))
        // The anonymity envelope never comes with them.
        #expect(!policy.mayOpen(Self.ref(22, .anonymity), for: .openOnline))
    }

    @Test func byResponseStillKeepsTheOfferOfARejectedPliClosed() {
        var board = Self.board(.byResponse)
        board.plis[0].envelopes[.application] = .openedOnline
        board.plis[0].admission = .rejected
        let policy = OpeningPolicy(board)
        #expect(Self.refusal { try policy.check([Self.ref(11, .offer)], for: .openOnline) }?.status == .conflict)
        #expect(!policy.openable(for: .openOnline).contains(Self.ref(11, .offer)))
    }

    // MARK: - Admission

    @Test func aCandidatureIsDecidedOnceOpenedWhileItsOfferIsClosed() {
        var board = Self.board(.byFolder)
        #expect(
            Self.refusal { try OpeningPolicy(board).checkAdmission(11, .admitted, reason: "") }?.description
                .contains("Ouvrez d'abord la candidature") == true)
        board.plis[0].envelopes[.application] = .openedOnline
        #expect(Self.refusal { try OpeningPolicy(board).checkAdmission(11, .admitted, reason: "") } == nil)
        let noReason = Self.refusal { try OpeningPolicy(board).checkAdmission(11, .rejected, reason: "  ") }
        #expect(
            noReason
                == .invalidField(
                    field: "motif", reason: "Indiquez le motif pour lequel la candidature n'est pas admissible."))
        #expect(
            Self.refusal { try OpeningPolicy(board).checkAdmission(11, .rejected, reason: "Pièces manquantes") } == nil)
        board.plis[0].admission = .admitted
        board.plis[0].envelopes[.offer] = .openedOnline
        #expect(
            Self.refusal { try OpeningPolicy(board).checkAdmission(11, .rejected, reason: "Trop tard") }?.status
                == .conflict)
        #expect(
            Self.refusal { try OpeningPolicy(board).checkAdmission(99, .admitted, reason: "") }?.status == .notFound)
        let offersOnly = OpeningPolicy(Self.board(.byFolder, envelopes: [.offer]))
        #expect(Self.refusal { try offersOnly.checkAdmission(11, .admitted, reason: "") }?.status == .conflict)
    }

    @Test func byResponseACandidatureIsDecidedAfterItsPliIsOpened() {
        var board = Self.board(.byResponse)
        board.plis[0].envelopes[.application] = .openedOnline
        board.plis[0].envelopes[.offer] = .openedOnline
        #expect(Self.refusal { try OpeningPolicy(board).checkAdmission(11, .rejected, reason: "Hors délai") } == nil)
        board.rankingRecorded = true
        #expect(
            Self.refusal { try OpeningPolicy(board).checkAdmission(11, .admitted, reason: "") }?.status == .conflict)
    }

    // MARK: - Ranking and anonymity

    /// Pli 1 admitted with its offer open, pli 2 not admitted: the ranking covers pli 1 only.
    static func analysed() -> OpeningBoard {
        var board = Self.board(.byFolder)
        board.plis[0].envelopes[.application] = .openedOnline
        board.plis[1].envelopes[.application] = .openedOnline
        board.plis[0].admission = .admitted
        board.plis[1].admission = .rejected
        board.plis[0].envelopes[.offer] = .openedOnline
        return board
    }

    @Test func theAnonymityEnvelopeOpensLastOnceTheRankingIsRecorded() {
        var board = Self.analysed()
        var policy = OpeningPolicy(board)
        let early = Self.refusal { try policy.check([Self.ref(11, .anonymity)], for: .openOnline) }
        #expect(early?.status == .conflict)
        #expect(early?.description.contains("classement") == true)
        #expect(!policy.openable(for: .download).contains(Self.ref(11, .anonymity)))
        #expect(policy.mayRank)
        #expect(policy.rankable.map(\.depositID) == [11])
        board.rankingRecorded = true
        board.plis[0].rank = 1
        policy = OpeningPolicy(board)
        #expect(Self.refusal { try policy.check([Self.ref(11, .anonymity)], for: .openOnline) } == nil)
        // The rejected pli's anonymity envelope stays closed.
        #expect(Self.refusal { try policy.check([Self.ref(22, .anonymity)], for: .openOnline) }?.status == .conflict)
        #expect(policy.openable(for: .openOnline) == [Self.ref(11, .anonymity)])
        // Once an anonymity envelope is open the ranking no longer changes, nor the admissions.
        board.plis[0].envelopes[.anonymity] = .openedOnline
        #expect(Self.refusal { try OpeningPolicy(board).checkRanking([11: 1]) }?.status == .conflict)
    }

    @Test func theRankingGivesEachAdmittedPliOneRank() {
        var board = Self.analysed()
        board.plis[1].admission = .admitted
        // Pli 2's offer still closed: too early.
        #expect(Self.refusal { try OpeningPolicy(board).checkRanking([11: 1, 22: 2]) }?.status == .conflict)
        #expect(!OpeningPolicy(board).mayRank)
        board.plis[1].envelopes[.offer] = .openedOffline
        let policy = OpeningPolicy(board)
        #expect(Self.refusal { try policy.checkRanking([11: 1, 22: 2]) } == nil)
        #expect(Self.refusal { try policy.checkRanking([11: 2, 22: 1]) } == nil)
        #expect(Self.refusal { try policy.checkRanking([11: 1]) }?.status == .badRequest)
        #expect(Self.refusal { try policy.checkRanking([11: 1, 22: 1]) }?.status == .badRequest)
        #expect(Self.refusal { try policy.checkRanking([11: 1, 22: 3]) }?.status == .badRequest)
        #expect(Self.refusal { try policy.checkRanking([11: 1, 22: 2, 33: 3]) }?.status == .notFound)
        let rejected = Self.analysed()
        #expect(Self.refusal { try OpeningPolicy(rejected).checkRanking([11: 1, 22: 2]) }?.status == .badRequest)
    }

    @Test func nothingSelectedIsRefused() {
        #expect(
            Self.refusal { try OpeningPolicy(Self.board(.byFolder)).check([], for: .openOnline) }?.status == .badRequest
        )
    }
}
