import Hummingbird
import PlatformKernel

/// `GET /api/statistics`: the signed-in agent's entity statistics.
package struct StatisticsController: Sendable {
    package let service: StatisticsService

    package init(service: StatisticsService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.group("api/statistics", context: AgentRequestContext.self).get { _, context in
            try await service.statistics(for: context.signedIn.authority)
        }
    }
}

extension StatisticsService.Statistics: ResponseEncodable {}
