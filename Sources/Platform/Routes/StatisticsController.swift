import Hummingbird

/// `GET /api/statistics`: the signed-in agent's entity statistics.
struct StatisticsController: Sendable {
    let service: StatisticsService

    func register(on router: Router<PlatformRequestContext>) {
        router.get("api/statistics") { _, context in
            try await service.statistics(for: try context.requireAgent().authority)
        }
    }
}

extension StatisticsService.Statistics: ResponseEncodable {}
