import HTTPTypes
import Hummingbird

/// A page of the assistant's own local interface, with headers that keep other sites out of it:
/// no framing, no script, forms posting only to itself.
struct LocalPageHTML: ResponseGenerator {
    let body: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                HTTPField.Name("X-Frame-Options")!: "DENY",
                .cacheControl: "no-store",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
            ],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
