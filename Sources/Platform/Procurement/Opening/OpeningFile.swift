import CorePlatformAPI
import PlatformKernel
import SQLKit

/// Everything « Ouverture et Analyse » shows of a consultation: the board the rules judge, the plis with their
/// files, and who opened, admitted and ranked what, when (the agents by name).
package struct OpeningFile: Sendable {
    package let consultation: Consultation
    package let board: OpeningBoard
    package let plis: [RemoteJobService.PliLine]
    package let admissions: [OpeningRepository.AdmissionRecord]
    package let ranks: [OpeningRepository.RankRecord]
    package let openings: [OpeningRepository.OpeningRecord]
    package let agentNames: [Int64: String]

    package init(
        consultation: Consultation, board: OpeningBoard, plis: [RemoteJobService.PliLine],
        admissions: [OpeningRepository.AdmissionRecord], ranks: [OpeningRepository.RankRecord],
        openings: [OpeningRepository.OpeningRecord], agentNames: [Int64: String]
    ) {
        self.consultation = consultation
        self.board = board
        self.plis = plis
        self.admissions = admissions
        self.ranks = ranks
        self.openings = openings
        self.agentNames = agentNames
    }

    package var policy: OpeningPolicy { OpeningPolicy(board) }

    package func admission(of depositID: Int64) -> OpeningRepository.AdmissionRecord? {
        admissions.first { $0.depositId == depositID }
    }

    package func agent(_ id: Int64) -> String { agentNames[id] ?? "Agent n° \(id)" }

    /// Reads the file of the consultation inside `sql`.
    package static func load(_ consultation: Consultation, sql: any SQLDatabase) async throws -> OpeningFile {
        let id = consultation.id ?? 0
        let repository = OpeningRepository(sql: sql)
        let lines = try await RemoteJobService.plis(of: id, sql: sql)
        let admissions = try await repository.admissions(of: id)
        let ranks = try await repository.ranks(of: id)
        let openings = try await repository.openings(of: lines.map(\.depositID))
        let offline = Set(
            openings.filter { !$0.online }.map { EnvelopeRef.Key(depositID: $0.depositId, envelope: $0.envelope) })
        let plis = lines.map { line in
            var envelopes: [ConsultationEnvelope: OpeningBoard.EnvelopeState] = [:]
            for envelope in line.envelopes {
                let key = EnvelopeRef.Key(depositID: line.depositID, envelope: envelope.envelope.rawValue)
                let state: OpeningBoard.EnvelopeState =
                    envelope.opening == .openedOnline ? .openedOnline : offline.contains(key) ? .openedOffline : .closed
                envelopes[envelope.envelope] = state
            }
            return OpeningBoard.Pli(
                number: line.number, depositID: line.depositID, company: line.company, envelopes: envelopes,
                admission: admissions.first { $0.depositId == line.depositID }?.admission,
                rank: ranks.first { $0.depositId == line.depositID }.map { Int($0.rank) })
        }
        let board = OpeningBoard(
            mode: consultation.modalities.openingMode, plis: plis, rankingRecorded: !ranks.isEmpty)
        let names = try await AgentRepository(sql: sql).displayNames(
            admissions.map(\.agentId) + ranks.map(\.agentId) + openings.map(\.agentId))
        return OpeningFile(
            consultation: consultation, board: board, plis: lines, admissions: admissions, ranks: ranks,
            openings: openings, agentNames: names)
    }
}

extension EnvelopeRef {
    /// A (deposit, envelope name) pair as the openings' tables store it.
    package struct Key: Hashable, Sendable {
        package let depositID: Int64
        package let envelope: String

        package init(depositID: Int64, envelope: String) {
            self.depositID = depositID
            self.envelope = envelope
        }
    }
}
