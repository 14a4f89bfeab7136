import PlatformKernel

extension Consultation {
    /// Whether the agent reaches this consultation whatever their service: its author or an invited agent.
    /// The rights engine adds the agents of the owning service when it fills ``ConsultationActor/hasAccess``.
    package func isAuthorOrInvited(_ agentID: Int64) -> Bool {
        createdBy == agentID || invitations.contains { $0.agentID == agentID }
    }
}
