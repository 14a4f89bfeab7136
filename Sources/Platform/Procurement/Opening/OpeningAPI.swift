import Hummingbird
import PlatformKernel

/// The JSON of « Ouverture et Analyse » (`docs/openapi.yaml`).
package enum OpeningAPI {
    /// One envelope of one pli, as a job names it: `{"depositId": 12, "envelope": "offre"}`.
    package struct EnvelopeChoice: Codable, Sendable, Equatable {
        package let depositId: Int64
        package let envelope: ConsultationEnvelope

        package init(depositId: Int64, envelope: ConsultationEnvelope) {
            self.depositId = depositId
            self.envelope = envelope
        }

        package var reference: EnvelopeRef { EnvelopeRef(depositID: depositId, envelope: envelope) }
    }

    /// `PUT /api/consultations/{id}/plis/{depositId}/admission`.
    package struct AdmissionInput: Codable, Sendable {
        package let decision: OpeningBoard.Admission
        package let reason: String?

        package init(decision: OpeningBoard.Admission, reason: String? = nil) {
            self.decision = decision
            self.reason = reason
        }
    }

    /// `PUT /api/consultations/{id}/ranking`: a rank from 1 for each pli not declared « Non admissible ».
    package struct RankingInput: Codable, Sendable {
        package struct Rank: Codable, Sendable {
            package let depositId: Int64
            package let rank: Int

            package init(depositId: Int64, rank: Int) {
                self.depositId = depositId
                self.rank = rank
            }
        }

        package let ranks: [Rank]

        package init(ranks: [Rank]) {
            self.ranks = ranks
        }
    }

    /// `GET /api/consultations/{id}/opening`: the plis, their envelopes' states and what may be done now.
    package struct BoardView: Codable, Sendable, ResponseEncodable {
        package let consultationId: Int64
        package let mode: ConsultationModalities.OpeningMode
        package let rankingRecorded: Bool
        package let plis: [Pli]

        package struct Pli: Codable, Sendable {
            package let number: Int
            package let depositId: Int64
            package let company: String
            package let completedAt: Int64?
            package let admission: Admission?
            package let rank: Int?
            package let envelopes: [Envelope]
        }

        package struct Admission: Codable, Sendable {
            package let decision: OpeningBoard.Admission
            package let reason: String
            package let agent: String
            package let decidedAt: Int64
        }

        package struct Envelope: Codable, Sendable {
            package let envelope: ConsultationEnvelope
            package let state: OpeningBoard.EnvelopeState
            /// Whether « Ouvrir en ligne » may take it now (alone, or with its pli « par réponse »).
            package let openable: Bool
            /// Whether it may be downloaded now for an offline opening.
            package let downloadable: Bool
        }

        package init(_ file: OpeningFile) {
            consultationId = file.consultation.id ?? 0
            mode = file.board.mode
            rankingRecorded = file.board.rankingRecorded
            let policy = file.policy
            plis = zip(file.board.plis, file.plis).map { pli, line in
                Pli(
                    number: pli.number, depositId: pli.depositID, company: pli.company,
                    completedAt: line.completedAt,
                    admission: file.admission(of: pli.depositID).flatMap { record in
                        record.admission.map {
                            Admission(
                                decision: $0, reason: record.reason, agent: file.agent(record.agentId),
                                decidedAt: record.decidedAt)
                        }
                    }, rank: pli.rank,
                    envelopes: pli.envelopes.keys.sorted().map { envelope in
                        let reference = EnvelopeRef(depositID: pli.depositID, envelope: envelope)
                        let state = pli.envelopes[envelope] ?? .closed
                        return Envelope(
                            envelope: envelope, state: state,
                            openable: state != .openedOnline && policy.mayOpen(reference, for: .openOnline),
                            downloadable: policy.mayOpen(reference, for: .download))
                    })
            }
        }
    }
}
