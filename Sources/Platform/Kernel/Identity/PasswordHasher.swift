import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords with bcrypt, off the event loops (a hash costs tens of milliseconds).
package struct PasswordHasher: Sendable {
    /// The bcrypt cost: 12 in production; tests may lower it to run faster.
    package let cost: UInt8

    package init(cost: UInt8 = 12) { self.cost = cost }

    package func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    package func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Whether `password` matches `hash`; without an account (`hash` nil) a hash is still computed, so that
    /// an unknown login and a wrong password take the same time.
    package func check(_ password: String, against hash: String?) async throws -> Bool {
        guard let hash else {
            _ = try await self.hash(password)
            return false
        }
        return try await verify(password, against: hash)
    }
}
