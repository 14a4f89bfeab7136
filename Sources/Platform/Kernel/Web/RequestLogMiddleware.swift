import Hummingbird
import Logging
import NIOCore

/// Logs every request once it is answered: method, route (the pattern, `/api/deposits/{id}`, or the path
/// without its query when no route matched), status and milliseconds, with the request's id that Hummingbird
/// puts in the context's logger (`hb.request.id`). With `--log-format json` each line also names the node.
/// Query strings are never logged: some carry tokens.
package struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context: context, status: status, since: start)
            throw error
        }
    }

    /// The route's pattern, or the path (without its query) when no route matched.
    private func route(_ request: Request, context: Context) -> String {
        guard let pattern = context.endpointPath, pattern != "NotFound" else { return request.uri.path }
        return pattern
    }

    private func log(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "Request",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.route": .string(route(request, context: context)),
                "http.status": .stringConvertible(status),
                "duration.ms": .stringConvertible((milliseconds * 10).rounded() / 10),
            ])
    }
}
