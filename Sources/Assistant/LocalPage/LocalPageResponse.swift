import HTTPTypes
import Hummingbird

/// What the assistant's own local interface answers, with headers that keep other sites out of it.
struct LocalPageResponse: ResponseGenerator {
    let headers: HTTPFields
    let body: ByteBuffer

    /// A page: no framing, no script, no inline style (its only stylesheet is `/static/sceau.css`, from the
    /// assistant itself), forms posting only to itself.
    static func page(_ html: String) -> LocalPageResponse {
        LocalPageResponse(
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'",
                HTTPField.Name("X-Frame-Options")!: "DENY",
                .cacheControl: "no-store",
                // Not no-referrer: with it, browsers send `Origin: null` with the page's own forms, which
                // the form check then refuses. same-origin still tells other sites nothing.
                HTTPField.Name("Referrer-Policy")!: "same-origin",
            ],
            body: ByteBuffer(string: html))
    }

    /// The pages' stylesheet (CoreDesign's, the platform's look): other sites may not load it, and the
    /// browser may not read it as anything but CSS.
    static func stylesheet(_ css: ByteBuffer) -> LocalPageResponse {
        LocalPageResponse(
            headers: [
                .contentType: "text/css; charset=utf-8",
                .cacheControl: "no-cache",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                HTTPField.Name("Cross-Origin-Resource-Policy")!: "same-origin",
            ],
            body: css)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
