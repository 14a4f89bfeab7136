import PlatformKernel

/// What must hold before a request is validated, beyond the workflow table: the data validated, each
/// required document attached, every attached document validated and in date, and the season's
/// validation date reached.
package enum RequestValidation {
    package static func check(
        data: RequestDataState, documents: [RequestDocument], required: [String], season: Season?,
        today: CivilDate
    ) throws(RequestError) {
        if let season, today < season.validationFrom { throw .seasonValidationNotOpen(from: season.validationFrom) }
        var reasons: [String] = []
        if data != .validated { reasons.append("les données sont « \(data.label) »") }
        for kind in required where !documents.contains(where: { $0.document.kind == kind }) {
            reasons.append("la pièce « \(kind) » n'est pas fournie")
        }
        for document in documents {
            let state = document.state.effective(validUntil: document.validUntil, on: today)
            if state != .validated {
                reasons.append("la pièce « \(document.document.kind) » est « \(state.label) »")
            }
        }
        guard reasons.isEmpty else { throw .notReadyForValidation(reasons: reasons) }
    }
}
