import Hummingbird

/// A server-rendered page, sent as `text/html; charset=utf-8`.
struct HTML: ResponseGenerator {
    let body: String

    init(_ body: String) { self.body = body }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
