import Hummingbird

/// `GET /api/statistics`: the signed-in agent's entity statistics.
package struct StatisticsController: Sendable {
    package let service: StatisticsService

    package func register(on router: Router<PlatformRequestContext>) {
        router.group("api/statistics", context: AgentRequestContext.self).get { _, context in
            try await service.statistics(for: context.signedIn.authority)
        }
    }
}

extension StatisticsService.Statistics: ResponseEncodable {}
