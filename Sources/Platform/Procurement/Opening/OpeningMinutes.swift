import PlatformKernel

/// The « procès-verbal d'ouverture »: the consultation, its plis, who opened which envelope when (online or
/// downloaded for an offline opening), the envelopes still closed, the admissions of candidatures and the
/// ranking. The view model of `opening/minutes` and, as ``text``, of its PDF.
package struct OpeningMinutes: Sendable {
    package let reference: String
    package let title: String
    package let object: String
    package let deadline: String
    package let mode: String
    package let envelopes: String
    package let drawnUp: String
    package let consultationPath: String
    package let pdfPath: String
    package let plis: [Pli]
    package let hasPlis: Bool
    package let openings: [Opening]
    package let hasOpenings: Bool
    package let closed: [String]
    package let hasClosed: Bool
    package let admissions: [Admission]
    package let hasAdmissions: Bool
    package let ranks: [Rank]
    package let hasRanks: Bool

    package struct Pli: Sendable {
        package let number: String
        package let company: String
        package let date: String
    }

    package struct Opening: Sendable {
        package let date: String
        package let agent: String
        package let pli: String
        package let company: String
        package let envelope: String
        package let mode: String
    }

    package struct Admission: Sendable {
        package let pli: String
        package let company: String
        package let decision: String
        package let admitted: Bool
        package let reason: String
        package let agent: String
        package let date: String
    }

    package struct Rank: Sendable {
        package let rank: String
        package let pli: String
        package let company: String
        package let agent: String
        package let date: String
    }

    package init(_ file: OpeningFile, at now: Int64) {
        let consultation = file.consultation
        let board = file.board
        reference = consultation.reference.value
        title = consultation.title
        object = consultation.object
        deadline = FrenchTime.text(consultation.deadline)
        mode = Self.modeText(board.mode)
        envelopes = consultation.modalities.envelopes.sorted().map(\.label).joined(separator: ", ")
        drawnUp = FrenchTime.text(now)
        consultationPath = "/consultations/\(consultation.id ?? 0)"
        pdfPath = "/consultations/\(consultation.id ?? 0)/proces-verbal.pdf"
        plis = file.plis.map {
            Pli(number: String($0.number), company: $0.company, date: $0.completedAt.map(FrenchTime.text) ?? "")
        }
        hasPlis = !plis.isEmpty
        openings = file.openings.compactMap { record in
            guard let pli = board.pli(record.depositId) else { return nil }
            return Opening(
                date: FrenchTime.text(record.openedAt), agent: file.agent(record.agentId), pli: String(pli.number),
                company: pli.company,
                envelope: ConsultationEnvelope(rawValue: record.envelope)?.label ?? record.envelope,
                mode: record.online ? "En ligne" : "Téléchargée pour une ouverture hors ligne")
        }
        hasOpenings = !openings.isEmpty
        closed = board.plis.flatMap { pli in
            pli.envelopes.filter { $0.value == .closed }.keys.sorted().map {
                "Pli n° \(pli.number) (\(pli.company)) : \($0.label)"
            }
        }
        hasClosed = !closed.isEmpty
        admissions = file.admissions.compactMap { record in
            guard let pli = board.pli(record.depositId), let admission = record.admission else { return nil }
            return Admission(
                pli: String(pli.number), company: pli.company, decision: admission.label,
                admitted: admission == .admitted, reason: record.reason, agent: file.agent(record.agentId),
                date: FrenchTime.text(record.decidedAt))
        }.sorted { (Int($0.pli) ?? 0) < (Int($1.pli) ?? 0) }
        hasAdmissions = !admissions.isEmpty
        ranks = file.ranks.compactMap { record in
            guard let pli = board.pli(record.depositId) else { return nil }
            return Rank(
                rank: String(record.rank), pli: String(pli.number), company: pli.company,
                agent: file.agent(record.agentId), date: FrenchTime.text(record.recordedAt))
        }
        hasRanks = !ranks.isEmpty
    }

    /// The mode and what it means.
    package static func modeText(_ mode: ConsultationModalities.OpeningMode) -> String {
        switch mode {
        case .byFolder:
            "Par dossier : les candidatures de tous les plis, puis les offres des plis admis"
        case .byResponse:
            "Par réponse : la candidature et l'offre de chaque pli ensemble"
        }
    }

    /// The procès-verbal as text, for its PDF.
    package var text: String {
        var lines = [
            "PROCÈS-VERBAL D'OUVERTURE DES PLIS", "",
            "Consultation : \(reference)", "Intitulé : \(title)", "Objet : \(object)",
            "Date limite de remise des plis : \(deadline)", "Mode d'ouverture : \(mode)", "Enveloppes : \(envelopes)",
            "Établi le \(drawnUp)", "", "PLIS REÇUS",
        ]
        lines += hasPlis ? plis.map { "Pli n° \($0.number) — \($0.company) — remis le \($0.date)" } : ["Aucun pli."]
        lines += ["", "OUVERTURES"]
        lines +=
            hasOpenings
            ? openings.map {
                "\($0.date) — \($0.agent) — pli n° \($0.pli) (\($0.company)) — \($0.envelope) — \($0.mode)"
            }
            : ["Aucune enveloppe ouverte."]
        lines += ["", "ENVELOPPES RESTÉES FERMÉES"]
        lines += hasClosed ? closed : ["Aucune."]
        lines += ["", "ADMISSION DES CANDIDATURES"]
        lines +=
            hasAdmissions
            ? admissions.map {
                "Pli n° \($0.pli) (\($0.company)) : \($0.decision)"
                    + ($0.reason.isEmpty ? "" : " — motif : \($0.reason)")
                    + " — \($0.agent), le \($0.date)"
            } : ["Aucune décision enregistrée."]
        lines += ["", "CLASSEMENT"]
        lines +=
            hasRanks
            ? ranks.map { "\($0.rank). Pli n° \($0.pli) (\($0.company)) — \($0.agent), le \($0.date)" }
            : ["Aucun classement enregistré."]
        return lines.joined(separator: "\n")
    }
}
