import Hummingbird
import PlatformKernel

/// « Statistiques »: the page `GET /espace-agent/statistiques?du=…&au=…` (the current year by default), its
/// table as CSV `GET /espace-agent/statistiques.csv?du=…&au=…`, and `GET /api/statistics?du=…&au=…` (all time
/// by default). Every route refuses an agent without "Visualiser les statistiques" before anything else.
package struct StatisticsController: Sendable {
    package let service: StatisticsService

    package init(service: StatisticsService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.group("api/statistics", context: AgentRequestContext.self).get(use: api)
        let pages = router.group("espace-agent", context: AgentRequestContext.self)
        pages.get("statistiques", use: page)
        pages.get("statistiques.csv", use: csv)
    }

    /// The query read as a form (GET): `+` is a space there; the first value of a name wins.
    private static func query(_ request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in FormFields(request.uri.query ?? "").pairs where query[key] == nil { query[key] = value }
        return query
    }

    @Sendable package func api(_ request: Request, context: AgentRequestContext) async throws
        -> StatisticsService.Statistics
    {
        let authority = context.signedIn.authority
        try service.requireRight(authority)
        let period = try StatisticsPeriod(query: Self.query(request), fallback: .all)
        return try await service.statistics(for: authority, period: period)
    }

    @Sendable package func page(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let authority = context.signedIn.authority
        try service.requireRight(authority)
        let query = Self.query(request)
        var statistics: StatisticsService.Statistics?
        var refusal: DomainError?
        let year = StatisticsPeriod.year(of: Timestamp.now())
        do {
            let period = try StatisticsPeriod(query: query, fallback: year)
            statistics = try await service.statistics(for: authority, period: period)
        } catch let error as DomainError {
            refusal = error
        }
        let view = StatisticsView(statistics: statistics, query: query, fallback: year, error: refusal)
        return try StatisticsView.page(view, signedIn: context.signedIn)
            .response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    @Sendable package func csv(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let authority = context.signedIn.authority
        try service.requireRight(authority)
        let period = try StatisticsPeriod(query: Self.query(request), fallback: .year(of: Timestamp.now()))
        let statistics = try await service.statistics(for: authority, period: period)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(statistics.csvFileName)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: statistics.csv)))
    }
}

extension StatisticsService.Statistics: ResponseEncodable {}
