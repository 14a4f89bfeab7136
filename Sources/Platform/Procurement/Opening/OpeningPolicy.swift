import Foundation
import PlatformKernel

/// The rules of « Ouverture et Analyse », without I/O:
/// - « par dossier »: an envelope type is opened across all plis: the candidatures, then, once every candidature
///   is opened and every pli admitted or not, the offers of the admitted plis;
/// - « par réponse »: a pli's candidature and offer open together;
/// - in both modes the offer of a pli declared « Non admissible » stays closed, and the anonymity envelope opens
///   last, once the ranking (« classement ») is recorded;
/// - a candidature is admitted or not once opened (« par dossier », while its offer is closed); the ranking
///   covers every pli not declared « Non admissible », once their offers are opened.
/// A refusal is a ``DomainError`` (409 with a French message saying what to do first).
package struct OpeningPolicy: Sendable {
    package let board: OpeningBoard

    package init(_ board: OpeningBoard) {
        self.board = board
    }

    /// What is asked of an envelope: opened online (its content keys released) or downloaded for an opening on
    /// the agent's workstation.
    package enum Purpose: Sendable {
        case openOnline
        case download
    }

    // MARK: - Opening

    /// Refuses the selection unless every envelope of it may be opened (or downloaded) now, taken together.
    package func check(_ selection: Set<EnvelopeRef>, for purpose: Purpose) throws(DomainError) {
        guard !selection.isEmpty else {
            throw .invalidField(
                field: "enveloppes", reason: "Sélectionnez au moins une enveloppe dans le tableau des plis.")
        }
        for reference in selection.sorted() {
            try check(reference, in: selection, for: purpose)
        }
    }

    /// What may be opened (or downloaded) now when the agent names nothing: every envelope the rules allow.
    package func openable(for purpose: Purpose) -> [EnvelopeRef] {
        let candidates = Set(
            board.allEnvelopes.filter { purpose == .download || board.pli($0.depositID)?.state($0.envelope) == .closed }
        )
        return candidates.filter { (try? check($0, in: candidates, for: purpose)) != nil }.sorted()
    }

    /// Whether `reference` may be opened now if selected alone (or with its pli's envelopes « par réponse »).
    package func mayOpen(_ reference: EnvelopeRef, for purpose: Purpose) -> Bool {
        (try? checkAlone(reference, for: purpose)) != nil
    }

    /// Refuses `reference` unless it may be opened now, selected alone or, « par réponse », with its pli's other
    /// closed envelopes.
    package func checkAlone(_ reference: EnvelopeRef, for purpose: Purpose) throws(DomainError) {
        var together: Set<EnvelopeRef> = [reference]
        if let pli = board.pli(reference.depositID), reference.envelope != .anonymity {
            for (envelope, state) in pli.envelopes where state == .closed && envelope != .anonymity {
                together.insert(EnvelopeRef(depositID: pli.depositID, envelope: envelope))
            }
        }
        try check(reference, in: together, for: purpose)
    }

    /// Refuses `reference`, part of `selection`, unless it may be opened (or downloaded) now.
    package func check(_ reference: EnvelopeRef, in selection: Set<EnvelopeRef>, for purpose: Purpose)
        throws(DomainError)
    {
        guard let pli = board.pli(reference.depositID), let state = pli.state(reference.envelope) else {
            throw .notFound(what: "Enveloppe « \(reference.envelope.label) » de ce pli")
        }
        let label = reference.envelope.label.lowercased()
        if state.isOpen {
            guard purpose == .openOnline, state == .openedOnline else { return }
            throw .conflict(
                reason: "L'enveloppe « \(label) » du \(pli.name) est déjà ouverte en ligne : "
                    + "téléchargez ses fichiers déchiffrés depuis le tableau des plis.")
        }
        switch reference.envelope {
        case .application:
            try checkTogether(pli, selection)
        case .offer:
            try checkOffer(pli, selection)
        case .anonymity:
            try checkAnonymity(pli)
        }
    }

    /// « Par réponse »: a pli's closed candidature and offer are selected together.
    private func checkTogether(_ pli: OpeningBoard.Pli, _ selection: Set<EnvelopeRef>) throws(DomainError) {
        guard board.mode == .byResponse else { return }
        let missing = pli.envelopes.filter { $0.value == .closed && $0.key != .anonymity }.keys
            .filter { !selection.contains(EnvelopeRef(depositID: pli.depositID, envelope: $0)) }.sorted()
        guard let first = missing.first else { return }
        throw .conflict(
            reason: "Ouverture « par réponse » : les enveloppes d'un pli s'ouvrent ensemble. Sélectionnez aussi "
                + "l'enveloppe « \(first.label.lowercased()) » du \(pli.name).")
    }

    private func checkOffer(_ pli: OpeningBoard.Pli, _ selection: Set<EnvelopeRef>) throws(DomainError) {
        if pli.admission == .rejected {
            throw .conflict(
                reason: "Le \(pli.name) n'est pas admis (candidature « Non admissible ») : son offre reste fermée.")
        }
        guard pli.state(.application) != nil else {
            return try checkTogether(pli, selection)
        }
        switch board.mode {
        case .byResponse:
            try checkTogether(pli, selection)
        case .byFolder:
            let closed = board.plis.filter { $0.state(.application) == .closed }
            if let first = closed.first {
                throw .conflict(
                    reason: "Ouverture « par dossier » : les offres s'ouvrent une fois toutes les candidatures "
                        + "ouvertes et examinées. \(Self.count(closed.count, "candidature fermée", "candidatures fermées")), "
                        + "dont celle du \(first.name).")
            }
            let undecided = board.plis.filter { $0.state(.application) != nil && $0.admission == nil }
            if let first = undecided.first {
                throw .conflict(
                    reason: "Ouverture « par dossier » : les offres s'ouvrent une fois chaque candidature déclarée "
                        + "« Admissible » ou « Non admissible ». "
                        + "\(Self.count(undecided.count, "candidature sans décision", "candidatures sans décision")), "
                        + "dont celle du \(first.name).")
            }
        }
    }

    private func checkAnonymity(_ pli: OpeningBoard.Pli) throws(DomainError) {
        guard board.rankingRecorded else {
            throw .conflict(
                reason: "L'enveloppe d'anonymat s'ouvre en dernier, une fois le classement enregistré : "
                    + "enregistrez d'abord le classement des plis.")
        }
        guard pli.isRankable else {
            throw .conflict(
                reason: "Le \(pli.name) n'est pas admis (candidature « Non admissible ») : "
                    + "son enveloppe d'anonymat reste fermée.")
        }
    }

    // MARK: - Admission

    /// Refuses to record the admission of the pli unless its candidature is opened, its offer still closed
    /// (« par dossier »; « par réponse » they open together) and no ranking recorded; « Non admissible » needs a
    /// reason.
    package func checkAdmission(_ depositID: Int64, _ admission: OpeningBoard.Admission, reason: String)
        throws(DomainError)
    {
        guard let pli = board.pli(depositID) else { throw .notFound(what: "Pli") }
        guard let application = pli.state(.application) else {
            throw .conflict(reason: "Le \(pli.name) n'a pas d'enveloppe de candidature : il n'y a rien à admettre.")
        }
        guard application.isOpen else {
            throw .conflict(
                reason: "Ouvrez d'abord la candidature du \(pli.name) : elle s'examine une fois ouverte.")
        }
        if board.mode == .byFolder, let offer = pli.state(.offer), offer.isOpen {
            throw .conflict(
                reason: "L'offre du \(pli.name) est déjà ouverte : la décision sur sa candidature ne peut plus changer."
            )
        }
        guard !board.rankingRecorded else {
            throw .conflict(reason: "Le classement est enregistré : les décisions d'admission ne changent plus.")
        }
        if admission == .rejected, reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalidField(
                field: "motif", reason: "Indiquez le motif pour lequel la candidature n'est pas admissible.")
        }
    }

    // MARK: - Ranking

    /// The plis the ranking covers: every pli not declared « Non admissible ».
    package var rankable: [OpeningBoard.Pli] { board.plis.filter(\.isRankable) }

    /// Refuses a ranking unless it gives each rankable pli, whose offer is opened, one rank from 1 to their number.
    package func checkRanking(_ ranks: [Int64: Int]) throws(DomainError) {
        let rankable = self.rankable
        guard !rankable.isEmpty else {
            throw .conflict(reason: "Aucun pli n'est admis : il n'y a rien à classer.")
        }
        if board.plis.contains(where: { $0.state(.anonymity)?.isOpen == true }) {
            throw .conflict(
                reason: "Une enveloppe d'anonymat est déjà ouverte : le classement ne peut plus changer.")
        }
        for pli in rankable {
            if pli.state(.application) == .closed {
                throw .conflict(reason: "Ouvrez d'abord la candidature du \(pli.name), puis son offre.")
            }
            if pli.state(.application) != nil, pli.admission == nil {
                throw .conflict(
                    reason: "Déclarez d'abord la candidature du \(pli.name) « Admissible » ou « Non admissible ».")
            }
            if pli.state(.offer) == .closed {
                throw .conflict(reason: "Ouvrez d'abord l'offre du \(pli.name) : le classement porte sur les offres.")
            }
        }
        for depositID in ranks.keys {
            guard let pli = board.pli(depositID) else { throw .notFound(what: "Pli") }
            guard pli.isRankable else {
                throw .invalidField(
                    field: "classement", reason: "Le \(pli.name) n'est pas admis : il ne prend pas part au classement.")
            }
        }
        if let missing = rankable.first(where: { ranks[$0.depositID] == nil }) {
            throw .invalidField(field: "classement", reason: "Donnez un rang au \(missing.name).")
        }
        let values = rankable.compactMap { ranks[$0.depositID] }
        guard Set(values) == Set(1...rankable.count) else {
            throw .invalidField(
                field: "classement",
                reason: "Les rangs vont de 1 à \(rankable.count), chacun donné une fois (1 pour le mieux classé).")
        }
    }

    /// Whether the ranking may be recorded now (each rankable pli's offer opened, no anonymity envelope open).
    package var mayRank: Bool {
        let complete = Dictionary(uniqueKeysWithValues: rankable.enumerated().map { ($1.depositID, $0 + 1) })
        return (try? checkRanking(complete)) != nil
    }

    /// Whether the admission of the pli may be recorded now.
    package func mayDecide(_ depositID: Int64) -> Bool {
        (try? checkAdmission(depositID, .admitted, reason: "")) != nil
    }

    private static func count(_ number: Int, _ one: String, _ many: String) -> String {
        number == 1 ? "Il reste 1 \(one)" : "Il reste \(number) \(many)"
    }
}
