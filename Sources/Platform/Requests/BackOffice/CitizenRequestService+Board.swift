import PlatformKernel
import SQLKit

extension CitizenRequestService {
    /// A line of a list: the request with its teleservice's name and its quality level.
    package struct Summary: Sendable {
        package let request: CitizenRequest
        package let teleserviceName: String
        package let quality: QualityLevel?

        package init(request: CitizenRequest, teleserviceName: String, quality: QualityLevel?) {
            self.request = request
            self.teleserviceName = teleserviceName
            self.quality = quality
        }
    }

    /// The agent's task board ("Tâches"), oldest first in each list except "my last" and "validated".
    package struct TaskBoard: Sendable {
        package let new: [Summary]
        package let mine: [Summary]
        package let validated: [Summary]
        package let urgent: [Summary]
        package let late: [Summary]

        package init(new: [Summary], mine: [Summary], validated: [Summary], urgent: [Summary], late: [Summary]) {
            self.new = new
            self.mine = mine
            self.validated = validated
            self.urgent = urgent
            self.late = late
        }
    }

    /// The requests matching `search` in the categories the agent reads.
    package func search(_ search: RequestSearch, for agentID: Int64) async throws -> [Summary] {
        try await database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            if let category = search.categoryID, rights.right(in: category) < .read { return [] }
            let requests = try await CitizenRequestRepository(sql: sql).search(
                search, in: rights.readableCategories)
            let summaries = try await summaries(requests, sql: sql)
            guard let quality = search.quality else { return summaries }
            return Array(
                summaries.filter { $0.quality == quality }.prefix(max(1, min(search.limit, RequestSearch.maximumLimit)))
            )
        }
    }

    package func taskBoard(for agentID: Int64, limit: Int = 10) async throws -> TaskBoard {
        try await database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            let categories = rights.readableCategories
            let repository = CitizenRequestRepository(sql: sql)
            let new = try await repository.search(
                RequestSearch(state: .pending, sort: .oldest, limit: limit), in: categories)
            let mine = try await repository.search(
                RequestSearch(lastAgentID: agentID, sort: .lastModified, limit: limit), in: categories)
            let validated = try await repository.search(
                RequestSearch(state: .validated, sort: .lastModified, limit: limit), in: categories)
            // A quality filter reads every request awaiting an agent; the levels are sorted out here.
            let awaiting = try await summaries(
                try await repository.search(RequestSearch(quality: .late, sort: .oldest), in: categories), sql: sql)
            return TaskBoard(
                new: try await summaries(new, sql: sql), mine: try await summaries(mine, sql: sql),
                validated: try await summaries(validated, sql: sql),
                urgent: Array(awaiting.filter { $0.quality == .urgent }.prefix(limit)),
                late: Array(awaiting.filter { $0.quality == .late }.prefix(limit)))
        }
    }

    private func summaries(_ requests: [CitizenRequest], sql: any SQLDatabase) async throws -> [Summary] {
        let catalog = RequestCatalogRepository(sql: sql)
        var teleservices: [Int64: Teleservice] = [:]
        let time = now()
        var summaries: [Summary] = []
        for request in requests {
            if teleservices[request.teleserviceID] == nil {
                teleservices[request.teleserviceID] = try await catalog.teleservice(request.teleserviceID)
            }
            guard let teleservice = teleservices[request.teleserviceID] else { continue }
            summaries.append(
                Summary(
                    request: request, teleserviceName: teleservice.name,
                    quality: quality(of: request, teleservice: teleservice, at: time)))
        }
        return summaries
    }
}
