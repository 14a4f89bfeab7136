import CoreModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers `/health` and `/ready` before any other middleware (no session, no database for `/health`):
/// - `GET /health`: 200 while the process serves HTTP, never waiting on the database (liveness);
/// - `GET /ready`: 200 when ``ReadinessCheck`` passes, otherwise 503 — while the node shuts down too, so a
///   load balancer checking it sends it no new request (readiness).
package struct NodeHealthMiddleware<Context: RequestContext>: RouterMiddleware {
    package let readiness: ReadinessCheck

    package init(readiness: ReadinessCheck) {
        self.readiness = readiness
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        switch request.uri.path {
        case "/health":
            return try Self.response(HealthReport(service: "sceau-platform"), status: .ok)
        case "/ready":
            let report = await readiness.report()
            return try Self.response(report, status: report.status == "ok" ? .ok : .serviceUnavailable)
        default:
            return try await next(request, context)
        }
    }

    private static func response(_ report: HealthReport, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(report))))
    }
}
