import PlatformKernel

extension ConsultationView {
    /// Adds the « Messagerie » tab before « Historique ».
    package mutating func addMessaging(_ tab: ConsultationMessagesTab) {
        messaging = [tab]
        let index = tabs.firstIndex { $0.panel == "historique" } ?? tabs.endIndex
        tabs.insert(Tab(panel: "messagerie", label: "Messagerie"), at: index)
    }
}

extension MessagingService {
    /// The consultation page's « Messagerie » tab; `nil` for an agent who does not read the registers.
    package func tab(of consultationID: Int64, by authority: AgentAuthority) async throws -> ConsultationMessagesTab? {
        guard let messages = try await exchanges(of: consultationID, by: authority) else { return nil }
        let canWrite = try await database.session { sql in
            try await ConsultationService.access(consultationID, for: authority, sql: sql).rights
                .contains(.manageDocuments)
        }
        return ConsultationMessagesTab(consultationID: consultationID, canWrite: canWrite, messages: messages)
    }
}
