import Hummingbird

/// Refuses any request whose Host is not the loopback address the daemon listens on.
///
/// A page of any site can make the browser send requests to 127.0.0.1; a site that rebinds its own
/// name to 127.0.0.1 (DNS rebinding) can even read the answers. Checking `Host` stops the latter:
/// only `127.0.0.1`, `localhost` and `[::1]` are accepted, with the daemon's port when it is fixed.
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The port the daemon listens on; 0 (an ephemeral port, in tests) accepts any port.
    let port: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let authority = request.head.authority, Self.isLoopback(authority, port: port) else {
            throw HTTPError(
                .misdirectedRequest, message: "This assistant answers only on 127.0.0.1, localhost or [::1].")
        }
        return try await next(request, context)
    }

    /// Whether `authority` (`host[:port]`) names a loopback host with the expected port.
    static func isLoopback(_ authority: String, port: Int) -> Bool {
        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            portText = rest.isEmpty ? nil : (rest.first == ":" ? rest.dropFirst() : nil)
            if !rest.isEmpty && portText == nil { return false }
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
        }
        guard ["127.0.0.1", "localhost", "[::1]"].contains(host.lowercased()) else { return false }
        guard port != 0 else { return true }
        return portText.flatMap { Int($0) } == port
    }
}
