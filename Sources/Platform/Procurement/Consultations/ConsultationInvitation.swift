import PlatformKernel

/// An agent invited to a consultation ("Accès" tab) beyond the agents of its service.
package struct ConsultationInvitation: Codable, Sendable, Hashable {
    package var agentID: Int64
    /// "Invité permanent": also invited to the suites created from this consultation.
    package var permanent: Bool = false

    package init(agentID: Int64, permanent: Bool = false) {
        self.agentID = agentID
        self.permanent = permanent
    }
}
