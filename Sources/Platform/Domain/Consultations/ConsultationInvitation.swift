/// An agent invited to a consultation ("Accès" tab) beyond the agents of its service.
struct ConsultationInvitation: Codable, Sendable, Hashable {
    var agentID: Int64
    /// "Invité permanent": keeps access whatever the consultation's state, including its suites.
    var permanent: Bool = false
}
