import PlatformKernel

extension Page where Content == ConsultationView {
    /// Adds the « DCE » tab and, for agents who may read the registers or answer, the « Questions » tab, after
    /// « Accès ».
    package mutating func add(
        documents: DocumentService?, questions: QuestionService?, file: ConsultationFile, signedIn: SignedInAgent,
        questionsRefusal: QuestionsTabView.Refusal? = nil
    ) async throws {
        let id = file.consultation.id ?? 0
        var added: [ConsultationView.Tab] = []
        if let documents {
            content.documentsTab = [
                try await documents.tab(of: id, agentNames: file.agentNames, signedIn: signedIn)
            ]
            added.append(ConsultationView.Tab(panel: "dce", label: "DCE"))
            scripts.append("/static/documents.js")
        }
        if let questions {
            do {
                let register = try await questions.register(of: id, by: signedIn.authority)
                content.questionsTab = [
                    QuestionsTabView(
                        consultationID: id, register: register, csrfToken: signedIn.csrfToken, refusal: questionsRefusal
                    )
                ]
                added.append(ConsultationView.Tab(panel: "questions", label: "Questions"))
            } catch let error as DomainError where error.status == .forbidden {
                // Neither reads the registers nor answers: no tab.
            }
        }
        let position = (content.tabs.firstIndex { $0.panel == "acces" } ?? content.tabs.count - 1) + 1
        content.tabs.insert(contentsOf: added, at: min(position, content.tabs.count))
    }
}

extension DocumentService {
    /// The « DCE » tab of the consultation for the agent.
    package func tab(of consultationID: Int64, agentNames: [Int64: String], signedIn: SignedInAgent) async throws
        -> DocumentsTabView
    {
        try await database.session { sql in
            let access = try await ConsultationService.access(consultationID, for: signedIn.authority, sql: sql)
            let withdrawals =
                access.rights.contains(.viewRegisters)
                ? try await DepositRepository(sql: sql).downloads(of: consultationID) : nil
            return DocumentsTabView(
                consultationID: consultationID, csrfToken: signedIn.csrfToken, rights: access.rights,
                maxSize: maximumSize, versions: try await Self.versions(of: consultationID, sql: sql),
                agentNames: agentNames, withdrawals: withdrawals)
        }
    }
}
