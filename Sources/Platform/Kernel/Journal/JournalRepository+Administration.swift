extension JournalRepository {
    /// Records an agent's administrative change in the journal of the organisation's entity.
    package func record(
        _ action: JournalAction, by actor: AgentAuthority, in path: OrganisationPath, subject: JournalSubject,
        details: [String: String] = [:]
    ) async throws {
        _ = try await append(
            JournalEvent(
                actor: .agent(actor.agentID), entityID: path.entity.id, subject: subject, action: action,
                details: details))
    }
}
