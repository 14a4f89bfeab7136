import PlatformKernel
import SQLKit

/// The back office's tracking tables ("Suivi des demandes"), over the categories the agent reads: requests
/// by state, by teleservice and month of filing, by quality of service; each exports as CSV.
package struct BackOfficeTracking: Sendable {
    package let service: CitizenRequestService

    package init(service: CitizenRequestService) {
        self.service = service
    }

    /// A table: a title, a header and its rows, as the page and the CSV show them.
    package struct Table: Sendable, Equatable {
        package let title: String
        package let header: [String]
        package let rows: [[String]]

        package init(title: String, header: [String], rows: [[String]]) {
            self.title = title
            self.header = header
            self.rows = rows
        }

        package var csv: String {
            var csv = CSV(header: header)
            for row in rows { csv.append(row) }
            return csv.text
        }
    }

    package enum Kind: String, CaseIterable, Sendable {
        case states = "etats"
        case teleservices
        case quality = "qualite"
    }

    private struct Row: Decodable {
        package let id: Int64
        package let teleserviceId: Int64
        package let categoryId: Int64
        package let state: String
        package let createdAt: Int64
    }

    package func table(_ kind: Kind, for agentID: Int64) async throws -> Table {
        try await service.database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            var query = sql.select().columns("id", "teleservice_id", "category_id", "state", "created_at")
                .from("citizen_requests")
            if let categories = rights.readableCategories {
                guard !categories.isEmpty else { return Self.empty(kind) }
                query = query.where("category_id", .in, Array(categories))
            }
            let rows = try await query.all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            let teleservices = Dictionary(
                try await RequestCatalogRepository(sql: sql).teleservices(in: rights.readableCategories)
                    .map { ($0.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
            switch kind {
            case .states:
                let counts = Dictionary(grouping: rows, by: \.state)
                return Table(
                    title: "Demandes par état", header: ["État", "Nombre"],
                    rows: RequestState.allCases.compactMap { state in
                        counts[state.rawValue].map { [state.label, String($0.count)] }
                    })
            case .teleservices:
                var counts: [String: Int] = [:]
                for row in rows {
                    let day = CivilDate(parisTime: row.createdAt)
                    let month = "\(day.year)-" + (day.month < 10 ? "0" : "") + "\(day.month)"
                    counts["\(teleservices[row.teleserviceId]?.name ?? "?")\u{1}\(month)", default: 0] += 1
                }
                return Table(
                    title: "Demandes par téléservice et par mois", header: ["Téléservice", "Mois", "Nombre"],
                    rows: counts.keys.sorted().map { key in
                        let parts = key.split(separator: "\u{1}").map(String.init)
                        return [parts[0], parts.count > 1 ? parts[1] : "", String(counts[key] ?? 0)]
                    })
            case .quality:
                let time = service.now()
                var counts: [QualityLevel: Int] = [:]
                for row in rows {
                    guard let state = RequestState(rawValue: row.state),
                        let teleservice = teleservices[row.teleserviceId]
                    else { continue }
                    let request = CitizenRequest(
                        id: row.id, teleserviceID: row.teleserviceId, categoryID: row.categoryId, requesterName: "",
                        subjectName: "", state: state, createdAt: row.createdAt, updatedAt: row.createdAt)
                    if let level = service.quality(of: request, teleservice: teleservice, at: time) {
                        counts[level, default: 0] += 1
                    }
                }
                return Table(
                    title: "Demandes en attente d'instruction par qualité de service",
                    header: ["Qualité de service", "Nombre"],
                    rows: QualityLevel.allCases.map { [$0.label, String(counts[$0] ?? 0)] })
            }
        }
    }

    private static func empty(_ kind: Kind) -> Table {
        switch kind {
        case .states: Table(title: "Demandes par état", header: ["État", "Nombre"], rows: [])
        case .teleservices:
            Table(title: "Demandes par téléservice et par mois", header: ["Téléservice", "Mois", "Nombre"], rows: [])
        case .quality:
            Table(
                title: "Demandes en attente d'instruction par qualité de service",
                header: ["Qualité de service", "Nombre"], rows: QualityLevel.allCases.map { [$0.label, "0"] })
        }
    }
}
