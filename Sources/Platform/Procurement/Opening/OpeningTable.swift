import PlatformKernel

/// The table of plis of the « Plis » tab (`opening/table`): each pli with its envelopes (a checkbox each, for
/// the grouped actions), their states and decrypted files, its admission (and the form that records it) and
/// its rank; then the ranking form and the procès-verbal's links.
package struct OpeningTable: Sendable {
    package let csrfToken: String
    package let mode: String
    package let byResponse: Bool
    package let count: String
    package let plis: [Pli]
    package let hasPlis: Bool
    package let hasApplications: Bool
    package let canRank: Bool
    package let rankingPath: String
    package let rankable: [RankField]
    package let ranking: [String]
    package let hasRanking: Bool
    package let minutesPath: String
    package let minutesPDFPath: String
    /// The ranking form was refused: the reason, shown beside the rank fields (`classement-erreur`).
    package let rankingHasError: Bool
    package let rankingError: String

    /// A refused admission or ranking form, shown again with the reason beside its field and what was typed.
    package struct Refusal: Sendable {
        package enum Form: Sendable {
            /// The admission form of one pli: the decision and the reason as typed.
            case admission(depositID: Int64, decision: String, reason: String)
            /// The ranking form: each `rang-<deposit>` field as typed.
            case ranking([String: String])
        }

        package let form: Form
        package let refusal: FormRefusal

        package init(_ form: Form, error: DomainError) {
            self.form = form
            refusal = FormRefusal(error)
        }

        /// The id of the field the error is shown beside, for the summary's link at the top of the page.
        package func fieldID(in table: OpeningTable) -> String {
            switch form {
            case .admission(let depositID, _, _):
                return refusal.field == "décision" ? "decision-\(depositID)" : "motif-\(depositID)"
            case .ranking:
                return table.rankable.first?.id ?? "liste-plis"
            }
        }
    }

    package struct Pli: Sendable {
        package let number: String
        package let depositID: String
        package let company: String
        package let hasDate: Bool
        package let date: String
        package let selectable: Bool
        package let envelopes: [Envelope]
        package let admission: Admission
        package let hasRank: Bool
        package let rank: String
    }

    package struct Envelope: Sendable {
        /// The checkbox's id, `enveloppe-<deposit>-<kind>`.
        package let id: String
        /// `<deposit>:<kind>`, what the script sends.
        package let value: String
        package let depositID: String
        package let kind: String
        package let label: String
        package let state: String
        package let stateCode: String
        package let stateTone: String
        package let selectable: Bool
        /// « Par réponse »: the candidature and offer of a pli check together.
        package let group: String
        package let hasGroup: Bool
        package let hint: String
        package let hasHint: Bool
        package let files: [DecryptedFile]
        package let hasFiles: Bool
    }

    package struct DecryptedFile: Sendable {
        package let name: String
        package let path: String
    }

    package struct Admission: Sendable {
        package let hasApplication: Bool
        package let decided: Bool
        package let label: String
        package let tone: String
        package let reason: String
        package let hasReason: Bool
        package let byWhom: String
        package let canDecide: Bool
        package let path: String
        package let depositID: String
        package let waiting: Bool
        /// A refusal of this pli's form: the reason beside the decision (`decisionHasError`) or the motif.
        package let decisionHasError: Bool
        package let motifHasError: Bool
        package let error: String
        package let typedReason: String
        package let notAdmissibleChosen: Bool
    }

    package struct RankField: Sendable {
        package let id: String
        package let name: String
        package let label: String
        package let value: String
        package let hasError: Bool
    }

    package init(_ file: OpeningFile, csrfToken: String, refusal: Refusal? = nil) {
        let id = file.consultation.id ?? 0
        let board = file.board
        let policy = file.policy
        self.csrfToken = csrfToken
        mode = OpeningMinutes.modeText(board.mode)
        byResponse = board.mode == .byResponse
        count = file.plis.count == 1 ? "1 pli déposé" : "\(file.plis.count) plis déposés"
        hasApplications = board.has(.application)
        plis = zip(board.plis, file.plis).map { pli, line in
            let envelopes = line.envelopes.map { envelope in
                Self.envelope(envelope, of: pli, policy: policy)
            }
            return Pli(
                number: String(pli.number), depositID: String(pli.depositID), company: pli.company,
                hasDate: line.completedAt != nil, date: line.completedAt.map(FrenchTime.text) ?? "",
                selectable: envelopes.contains(where: \.selectable), envelopes: envelopes,
                admission: Self.admission(pli, file: file, consultationID: id, refusal: refusal),
                hasRank: pli.rank != nil,
                rank: pli.rank.map { String($0) } ?? "")
        }
        hasPlis = !plis.isEmpty
        canRank = policy.mayRank
        rankingPath = "/consultations/\(id)/classement"
        var typedRanks: [String: String]?
        if case .ranking(let typed) = refusal?.form { typedRanks = typed }
        rankingHasError = typedRanks != nil
        rankingError = typedRanks != nil ? refusal?.refusal.reason ?? "" : ""
        rankable = policy.rankable.map { pli in
            let name = "rang-\(pli.depositID)"
            return RankField(
                id: name, name: name, label: "Pli n° \(pli.number) (\(pli.company))",
                value: typedRanks.map { $0[name] ?? "" } ?? pli.rank.map { String($0) } ?? "",
                hasError: typedRanks != nil)
        }
        ranking = board.plis.filter { $0.rank != nil }.sorted { ($0.rank ?? 0) < ($1.rank ?? 0) }.map {
            "\($0.rank ?? 0). Pli n° \($0.number) (\($0.company))"
        }
        hasRanking = !ranking.isEmpty
        minutesPath = "/consultations/\(id)/proces-verbal"
        minutesPDFPath = "/consultations/\(id)/proces-verbal.pdf"
    }

    private static func envelope(
        _ line: RemoteJobService.EnvelopeLine, of pli: OpeningBoard.Pli, policy: OpeningPolicy
    ) -> Envelope {
        let kind = line.envelope
        let state = pli.state(kind) ?? .closed
        let reference = EnvelopeRef(depositID: pli.depositID, envelope: kind)
        let selectable = policy.mayOpen(reference, for: .download)
        var hint = ""
        if !selectable, state == .closed {
            switch kind {
            case .anonymity:
                hint = pli.isRankable ? "S'ouvre en dernier, après le classement." : "Pli non admis : reste fermée."
            case .offer:
                hint =
                    pli.admission == .rejected
                    ? "Pli non admis : l'offre reste fermée."
                    : "S'ouvre une fois toutes les candidatures ouvertes et examinées."
            case .application:
                hint = ""
            }
        }
        let files =
            state == .openedOnline
            ? line.files.filter { line.decrypted.contains($0.id ?? 0) }.map { file in
                DecryptedFile(
                    name: RemoteJobService.plaintextName(file.name),
                    path: "/api/deposits/\(pli.depositID)/files/\(file.id ?? 0)/plaintext")
            } : []
        let group = policy.board.mode == .byResponse && kind != .anonymity ? "pli-\(pli.depositID)" : ""
        return Envelope(
            id: "enveloppe-\(pli.depositID)-\(kind.rawValue)", value: "\(pli.depositID):\(kind.rawValue)",
            depositID: String(pli.depositID), kind: kind.rawValue, label: kind.label, state: state.label,
            stateCode: state.rawValue,
            stateTone: state == .closed ? "neutral" : "success", selectable: selectable,
            group: group, hasGroup: !group.isEmpty, hint: hint, hasHint: !hint.isEmpty, files: files,
            hasFiles: !files.isEmpty)
    }

    private static func admission(
        _ pli: OpeningBoard.Pli, file: OpeningFile, consultationID: Int64, refusal: Refusal?
    ) -> Admission {
        let record = file.admission(of: pli.depositID)
        let decision = record?.admission
        var typed: (decision: String, reason: String)?
        if case .admission(let depositID, let decision, let reason) = refusal?.form, depositID == pli.depositID {
            typed = (decision, reason)
        }
        let onDecision = typed != nil && refusal?.refusal.field == "décision"
        return Admission(
            hasApplication: pli.state(.application) != nil, decided: decision != nil, label: decision?.label ?? "",
            tone: decision == .admitted ? "success" : "danger", reason: record?.reason ?? "",
            hasReason: !(record?.reason ?? "").isEmpty,
            byWhom: record.map { "\(file.agent($0.agentId)), le \(FrenchTime.text($0.decidedAt))" } ?? "",
            canDecide: file.policy.mayDecide(pli.depositID),
            path: "/consultations/\(consultationID)/plis/\(pli.depositID)/admission", depositID: String(pli.depositID),
            waiting: pli.state(.application) == .closed, decisionHasError: onDecision,
            motifHasError: typed != nil && !onDecision, error: typed != nil ? refusal?.refusal.reason ?? "" : "",
            typedReason: typed?.reason ?? "", notAdmissibleChosen: typed?.decision == "non-admissible")
    }
}
