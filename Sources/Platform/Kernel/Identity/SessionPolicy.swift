/// How long a session lives (agents', bidders' and citizens' alike): at most `lifetime` seconds after sign-in,
/// and no longer than `idleTimeout` seconds after its last request (« déconnexion automatique au bout d'un
/// certain temps d'inactivité », seed 002). A session's `expires_at` holds the earlier of the two; each request
/// moves it forward (``SessionActivity``).
package struct SessionPolicy: Sendable, Equatable {
    package var lifetime: Int64
    package var idleTimeout: Int64

    package init(lifetime: Int64 = 8 * 3600, idleTimeout: Int64 = 30 * 60) {
        self.lifetime = lifetime
        self.idleTimeout = min(idleTimeout, lifetime)
    }

    /// When a session opened at `openedAt` and used at `now` ends.
    package func expiry(openedAt: Int64, now: Int64) -> Int64 {
        min(openedAt + lifetime, now + idleTimeout)
    }

    /// How far the expiry must move before it is written again: at most one write a minute per session.
    package var touchStep: Int64 { max(1, min(60, idleTimeout / 4)) }

    /// The page's warning comes this many seconds before the end (a minute, or half a short idle timeout).
    package static func warningLead(idleTimeout: Int64) -> Int64 { min(60, idleTimeout / 2) }
}
