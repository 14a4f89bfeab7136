import PlatformKernel

extension Consultation {
    /// "Créer une suite": a new consultation in elaboration, linked to this one as its "procédure amont",
    /// that copies every field but the reference, author, state and the invitations that are not permanent.
    /// Its calendar usually needs changing before submission. Check ``ConsultationLifecycle/checkSuite(of:by:)``
    /// first.
    package func suite(reference: ConsultationReference, createdBy agentID: Int64) -> Consultation {
        var suite = self
        suite.id = nil
        suite.reference = reference
        suite.createdBy = agentID
        suite.state = .elaboration
        suite.previousConsultationID = id
        suite.invitations = invitations.filter(\.permanent)
        return suite
    }
}
