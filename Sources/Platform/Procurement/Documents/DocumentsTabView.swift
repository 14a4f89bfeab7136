import PlatformKernel

/// The « DCE » tab of a consultation's page for agents: each document (DCE, règlement de consultation, autres
/// pièces) with its current version and, with the right to manage documents, its upload (by
/// `/static/documents.js`, which sends the file to `PUT /api/consultations/{id}/documents/{kind}`); the history
/// of versions; and, with the right to read the registers, the registre des retraits.
package struct DocumentsTabView: Sendable {
    package let consultationID: String
    package let csrfToken: String
    package let canManage: Bool
    package let maxSize: String
    package let slots: [Slot]
    package let history: [Version]
    package let hasHistory: Bool
    package let canViewRegisters: Bool
    package let withdrawals: [Withdrawal]
    package let hasWithdrawals: Bool
    package let csvPath: String

    package struct Slot: Sendable {
        package let kind: String
        package let label: String
        package let hint: String
        package let accept: String
        package let inputID: String
        package let button: String
        package let hasCurrent: Bool
        package let current: [Version]
    }

    package struct Version: Sendable {
        package let label: String
        package let version: String
        package let name: String
        package let size: String
        package let date: String
        package let agent: String
        package let path: String
    }

    package struct Withdrawal: Sendable {
        package let date: String
        package let company: String
        package let document: String
        package let entries: String
    }

    package init(
        consultationID id: Int64, csrfToken: String, rights: Set<ConsultationRight>, maxSize: Int64,
        versions: [ConsultationDocument], agentNames: [Int64: String], withdrawals: [DepositRepository.Download]?
    ) {
        consultationID = String(id)
        self.csrfToken = csrfToken
        canManage = rights.contains(.manageDocuments)
        self.maxSize = FrenchByteCount.text(maxSize)
        func view(_ document: ConsultationDocument) -> Version {
            Version(
                label: document.kind.label, version: String(document.version), name: document.name,
                size: document.size > 0 ? FrenchByteCount.text(document.size) : "—",
                date: ParisTime.format(document.uploadedAt),
                agent: agentNames[document.agentID] ?? "agent \(document.agentID)",
                path: "/api/consultations/\(id)/documents/versions/\(document.id ?? 0)")
        }
        slots = ConsultationDocumentKind.allCases.map { kind in
            let current = versions.filter { $0.kind == kind }.max { $0.version < $1.version }
            return Slot(
                kind: kind.rawValue, label: kind.label,
                hint: kind == .dce
                    ? "Une archive ZIP ; les entreprises la téléchargent entière ou choisissent des fichiers dedans."
                    : "Un fichier, le plus souvent un PDF.",
                accept: kind == .dce ? ".zip,application/zip" : "", inputID: "fichier-\(kind.rawValue)",
                button: current == nil ? "Déposer" : "Remplacer", hasCurrent: current != nil,
                current: current.map { [view($0)] } ?? [])
        }
        history = versions.sorted { ($0.uploadedAt, $0.version) > ($1.uploadedAt, $1.version) }.map(view)
        hasHistory = !history.isEmpty
        canViewRegisters = withdrawals != nil
        self.withdrawals = (withdrawals ?? []).reversed().map {
            Withdrawal(
                date: FrenchTime.text($0.downloadedAt), company: $0.companyName ?? "Anonyme",
                document: $0.documentLabel, entries: ($0.entries ?? "").replacingOccurrences(of: "\n", with: ", "))
        }
        hasWithdrawals = !self.withdrawals.isEmpty
        csvPath = "/api/consultations/\(id)/registres/retraits.csv"
    }
}
