import HTTPTypes
import Hummingbird

/// Headers every answer of the platform carries: a Content-Security-Policy that runs only the platform's
/// own scripts (no inline script, no `eval`) and lets pages reach only the platform and the workstation's
/// assistant on loopback; no framing; no MIME sniffing; no referrer sent to other sites.
package struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package static var contentSecurityPolicy: String {
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    private static var frameOptions: HTTPField.Name { HTTPField.Name("X-Frame-Options")! }
    private static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "same-origin"
        return response
    }
}
