import Hummingbird

/// `GET /api/statistics`: the signed-in agent's entity statistics.
struct StatisticsController: Sendable {
    let service: StatisticsService

    func register(on router: Router<PlatformRequestContext>) {
        router.group("api/statistics", context: AgentRequestContext.self).get { _, context in
            try await service.statistics(for: context.signedIn.authority)
        }
    }
}

extension StatisticsService.Statistics: ResponseEncodable {}
