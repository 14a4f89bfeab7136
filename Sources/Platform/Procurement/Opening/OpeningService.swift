import CorePlatformAPI
import Foundation
import PlatformKernel
import SQLKit

/// « Ouverture et Analyse » (`README.md`): the board of a consultation's plis, the admissions of candidatures,
/// the ranking, the procès-verbal. Each use case is one transaction: the opening right first, after the
/// deadline, in « Ouverture et Analyse » or « Décision »; then the ``OpeningPolicy``; every change journaled.
package struct OpeningService: Sendable {
    package let database: Database
    /// The current time in seconds since 1970; injected so that tests can move it.
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }

    package init(database: Database, clock: @escaping @Sendable () -> Int64 = { Timestamp.now() }) {
        self.database = database
        self.clock = clock
    }

    /// The consultation's opening file, for agents with the opening right once opening is allowed.
    package func file(of consultationID: Int64, by actor: AgentAuthority) async throws -> OpeningFile {
        let now = clock()
        return try await database.session { sql in
            let (consultation, _) = try await ConsultationAccess.require(
                .open, consultationID: consultationID, actor: actor, sql: sql)
            try RegisterService.checkOpening(consultation, at: now)
            return try await OpeningFile.load(consultation, sql: sql)
        }
    }

    /// The file when the agent may open now, else `nil` (the consultation's page then shows no « Plis » tab).
    package func fileIfOpenable(of consultationID: Int64, by actor: AgentAuthority) async throws -> OpeningFile? {
        let now = clock()
        return try await database.session { sql in
            let access = try await ConsultationService.access(consultationID, for: actor, sql: sql)
            guard access.rights.contains(.open), RegisterService.mayOpen(access.consultation, at: now) else {
                return nil
            }
            return try await OpeningFile.load(access.consultation, sql: sql)
        }
    }

    /// Records whether a pli's candidature is admitted, with its reason (required when it is not); journaled.
    package func decide(
        _ admission: OpeningBoard.Admission, reason: String, pli depositID: Int64, of consultationID: Int64,
        by actor: AgentAuthority
    ) async throws -> OpeningFile {
        let now = clock()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 2000 else {
            throw DomainError.invalidField(field: "motif", reason: "2 000 caractères au plus.")
        }
        return try await database.transaction { sql in
            let (consultation, path) = try await ConsultationAccess.require(
                .open, consultationID: consultationID, actor: actor, sql: sql)
            try RegisterService.checkOpening(consultation, at: now)
            let file = try await OpeningFile.load(consultation, sql: sql)
            try file.policy.checkAdmission(depositID, admission, reason: reason)
            try await OpeningRepository(sql: sql).save(
                .init(
                    depositId: depositID, consultationId: consultationID, decision: admission.rawValue, reason: reason,
                    agentId: actor.agentID, decidedAt: now))
            var details = ["consultation": String(consultationID), "decision": admission.rawValue]
            if !reason.isEmpty { details["reason"] = reason }
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .deposit(depositID),
                    action: admission == .admitted ? .pliAdmitted : .pliRejected, details: details), at: now)
            return try await OpeningFile.load(consultation, sql: sql)
        }
    }

    /// Records the ranking: a rank from 1 for each pli not declared « Non admissible »; journaled.
    package func rank(_ ranks: [Int64: Int], of consultationID: Int64, by actor: AgentAuthority) async throws
        -> OpeningFile
    {
        let now = clock()
        return try await database.transaction { sql in
            let (consultation, path) = try await ConsultationAccess.require(
                .open, consultationID: consultationID, actor: actor, sql: sql)
            try RegisterService.checkOpening(consultation, at: now)
            let file = try await OpeningFile.load(consultation, sql: sql)
            try file.policy.checkRanking(ranks)
            try await OpeningRepository(sql: sql).saveRanking(
                ranks.map {
                    .init(
                        depositId: $0.key, consultationId: consultationID, rank: Int64($0.value),
                        agentId: actor.agentID, recordedAt: now)
                }, of: consultationID)
            let summary = file.board.plis.compactMap { pli in
                ranks[pli.depositID].map { (rank: $0, text: "\($0) : pli \(pli.number)") }
            }.sorted { $0.rank < $1.rank }.map(\.text).joined(separator: ", ")
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(actor.agentID), entityID: path.entity.id, subject: .consultation(consultationID),
                    action: .rankingRecorded, details: ["ranking": summary]), at: now)
            return try await OpeningFile.load(consultation, sql: sql)
        }
    }

    /// Journals an opening the rules refused (in its own transaction: the refusal itself changes nothing).
    package static func journalRefusal(
        _ error: DomainError, selection: [EnvelopeRef], consultationID: Int64, agentID: Int64, entityID: Int64?,
        database: Database, at now: Int64
    ) async throws {
        let named = selection.map { "\($0.depositID):\($0.envelope.rawValue)" }.joined(separator: ",")
        try await database.transaction { sql in
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), entityID: entityID, subject: .consultation(consultationID),
                    action: .openingRefused,
                    details: ["envelopes": String(named.prefix(500)), "reason": String(error.description.prefix(500))]),
                at: now)
        }
    }
}

extension OpeningService {
    /// Refuses an envelope of a job (or a download) unless the rules allow it now, with the job's other envelopes
    /// as its selection; an envelope already open passes (a key sent again, a file fetched again).
    package static func requireAllowed(
        _ reference: EnvelopeRef, in selection: Set<EnvelopeRef>?, for purpose: OpeningPolicy.Purpose,
        consultation: Consultation, sql: any SQLDatabase
    ) async throws {
        let file = try await OpeningFile.load(consultation, sql: sql)
        guard let state = file.board.pli(reference.depositID)?.state(reference.envelope), !state.isOpen else { return }
        if let selection {
            try file.policy.check(reference, in: selection.union([reference]), for: purpose)
        } else {
            try file.policy.checkAlone(reference, for: purpose)
        }
    }

    /// Once a download job ended well, its envelopes not opened online count as opened offline; journaled.
    package static func recordOfflineOpening(
        of job: RemoteJob, entityID: Int64?, sql: any SQLDatabase, at now: Int64
    ) async throws {
        let repository = OpeningRepository(sql: sql)
        let descriptor = try job.descriptor()
        let online = try await RemoteJobRepository(sql: sql).openedEnvelopes(of: descriptor.plis.map(\.depositID))
        for pli in descriptor.plis {
            for envelope in pli.envelopes
            where !online.contains(.init(depositID: pli.depositID, envelope: envelope.kind)) {
                guard
                    try await repository.markOpenedOffline(
                        deposit: pli.depositID, envelope: envelope.kind, job: job.id, at: now)
                else { continue }
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .agent(job.agentID), entityID: entityID, subject: .deposit(pli.depositID),
                        action: .envelopeOpened,
                        details: ["envelope": envelope.kind, "job": job.id, "mode": "hors-ligne"]), at: now)
            }
        }
    }
}

extension RemoteJob {
    /// The envelopes the job's descriptor names.
    package func envelopes() throws -> Set<EnvelopeRef> {
        Set(
            try descriptor().plis.flatMap { pli in
                pli.envelopes.compactMap { envelope in
                    ConsultationEnvelope(rawValue: envelope.kind).map {
                        EnvelopeRef(depositID: pli.depositID, envelope: $0)
                    }
                }
            })
    }
}
