import Hummingbird

extension Page: ResponseGenerator {
    /// The rendered page as `text/html`; a page for a signed-in user, or carrying a session's CSRF token, is never
    /// stored by caches.
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let formToken = (context as? PlatformRequestContext)?.formToken
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        if user != nil || formToken != nil { headers[.cacheControl] = "no-store" }
        return Response(
            status: .ok, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: PageRenderer.standard.render(self, formToken: formToken))))
    }

    /// The page with another status, for a refused form shown again (400) or a sign-in refused (401).
    package func response(status: HTTPResponse.Status, from request: Request, context: some RequestContext) throws
        -> Response
    {
        var response = try response(from: request, context: context)
        response.status = status
        return response
    }
}
