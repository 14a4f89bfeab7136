/// An agent invited to a consultation ("Accès" tab) beyond the agents of its service.
struct ConsultationInvitation: Codable, Sendable, Hashable {
    var agentID: Int64
    /// "Invité permanent": also invited to the suites created from this consultation.
    var permanent: Bool = false
}
