import Hummingbird

/// The platform's origin as the browser that sent `request` sees it: its `Origin` header (which
/// ``SessionMiddleware`` already checked names this server on every state change), else the `Host` it
/// reached, else `fallback`. Job descriptors name it; the assistant compares it with the page's origin.
package func requestOrigin(_ request: Request, fallback: String) -> String {
    if let origin = request.headers[.origin], origin != "null" { return origin }
    if let authority = request.head.authority { return "http://\(authority)" }
    return fallback
}
