import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SQLKit

/// The account a sign-in names, known or not: its counter is kept all the same, so that an unknown login
/// gets the very answer a known one gets. Its `kind` is the audience (`agent` here; the feature libraries add
/// `company` and `citizen`).
package struct SignInAccount: Sendable, Equatable {
    package let kind: String
    package let name: String

    package init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }

    /// The counter's key: `kind:name` in lower case.
    package var key: String { kind + ":" + name.lowercased() }

    package static func agent(login: String) -> SignInAccount { SignInAccount(kind: "agent", name: login) }
}

/// The real account behind a sign-in's name: its journal subject, entity and e-mail.
package struct SignInOwner: Sendable {
    package let subject: JournalSubject
    package let entityID: Int64?
    package let email: String

    package init(subject: JournalSubject, entityID: Int64?, email: String) {
        self.subject = subject
        self.entityID = entityID
        self.email = email
    }
}

/// Finds the real account behind a name of one kind of account, if there is one.
package typealias SignInOwnerLookup = @Sendable (_ name: String, _ sql: any SQLDatabase) async throws -> SignInOwner?

/// Limits password guessing on the agents', companies' and citizens' sign-ins with ``SignInThrottlePolicy``:
/// counters per account and per source address in the database (shared by every node); a locked account or
/// address is refused at once with 429 and « Trop de tentatives de connexion. Réessayez dans N minutes. »
/// (the same for an unknown account); the owner of a real account is told by mail when it gets locked; every
/// lock is journaled; a successful sign-in clears the account's counter.
package struct SignInThrottle: Sendable {
    package let database: Database
    package var policy = SignInThrottlePolicy()
    /// Whether the source address is the last `X-Forwarded-For` entry (`serve --trust-forwarded-for`, for a
    /// platform behind a reverse proxy) rather than the connection's peer.
    package var trustForwardedFor = false
    package var mailer: any Mailer = UnconfiguredMailer()
    package var sender = "ne-pas-repondre@sceau.invalid"
    package var logger = Logger(label: "sceau-platform")
    package var now: @Sendable () -> Int64 = { Timestamp.now() }
    /// How to find the owner of each kind of account, to journal and mail a lock (agents here; the application
    /// adds the other audiences').
    package var owners: [String: SignInOwnerLookup] = ["agent": SignInThrottle.agentOwner]

    package init(
        database: Database, policy: SignInThrottlePolicy = SignInThrottlePolicy(), trustForwardedFor: Bool = false,
        mailer: any Mailer = UnconfiguredMailer(), sender: String = "ne-pas-repondre@sceau.invalid",
        logger: Logger = Logger(label: "sceau-platform"), now: @escaping @Sendable () -> Int64 = { Timestamp.now() },
        owners: [String: SignInOwnerLookup] = ["agent": SignInThrottle.agentOwner]
    ) {
        self.database = database
        self.policy = policy
        self.trustForwardedFor = trustForwardedFor
        self.mailer = mailer
        self.sender = sender
        self.logger = logger
        self.now = now
        self.owners = owners
    }

    /// Runs `signIn` unless `account` or `address` is locked. A refusal of the password (`401`) counts one
    /// failure for both; a success clears the account's failures.
    package func attempt<T: Sendable>(
        _ account: SignInAccount, from address: String?, _ signIn: () async throws -> T
    ) async throws -> T {
        let time = now()
        let keys = [account.key] + (address.map { ["address:" + $0] } ?? [])
        if let until = try await database.session({ sql in
            try await SignInFailureRepository(sql: sql).lockedUntil(keys, at: time)
        }) {
            throw Self.refusal(retryAfter: until - time)
        }
        do {
            let result = try await signIn()
            try await database.session { sql in try await SignInFailureRepository(sql: sql).reset(account.key) }
            return result
        } catch let error as HTTPError where error.status == .unauthorized {
            if let lockedFor = try await recordFailure(account, address: address, at: time) {
                throw Self.refusal(retryAfter: lockedFor)
            }
            throw error
        }
    }

    /// The source address of `request`: the connection's peer, or behind a trusted proxy the address the
    /// proxy appended last to `X-Forwarded-For` (the entries before it are the client's to write).
    package func sourceAddress(of request: Request, context: PlatformRequestContext) -> String? {
        if trustForwardedFor, let forwarded = request.headers[Self.forwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return context.remoteAddress
    }

    package static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// 429 with the French message and `Retry-After`.
    package static func refusal(retryAfter seconds: Int64) -> HTTPError {
        HTTPError(
            .tooManyRequests, headers: [.retryAfter: String(max(1, seconds))],
            message: SignInThrottlePolicy.message(retryAfter: seconds))
    }

    /// Counts the failure for the account and the address, locks what reached its threshold, journals each
    /// lock and tells the account's owner on its first lock; returns the longest lock started, if any.
    private func recordFailure(_ account: SignInAccount, address: String?, at time: Int64) async throws -> Int64? {
        let policy = self.policy
        let (locked, notice) = try await database.transaction { sql -> (Int64?, MailMessage?) in
            let failures = SignInFailureRepository(sql: sql)
            let journal = JournalRepository(sql: sql)
            var locked: Int64?
            var notice: MailMessage?
            let count = try await failures.recordFailure(account.key, at: time, forgetAfter: policy.forgetAfter)
            if let delay = policy.delay(afterFailures: count, threshold: policy.accountAttempts) {
                try await failures.lock(account.key, until: time + delay)
                locked = delay
                let owner = try await owners[account.kind]?(account.name, sql)
                _ = try await journal.append(
                    JournalEvent(
                        actor: .system, entityID: owner?.entityID,
                        subject: owner?.subject ?? JournalSubject(kind: "sign-in", id: 0), action: .signInLocked,
                        details: [
                            "account": account.key, "address": address ?? "", "failures": String(count),
                            "seconds": String(delay),
                        ]),
                    at: time)
                if let owner, count == Int64(policy.accountAttempts) {
                    notice = Self.notice(to: owner.email, account: account, seconds: delay, from: sender)
                }
            }
            if let address {
                let key = "address:" + address
                let count = try await failures.recordFailure(key, at: time, forgetAfter: policy.forgetAfter)
                if let delay = policy.delay(afterFailures: count, threshold: policy.addressAttempts) {
                    try await failures.lock(key, until: time + delay)
                    locked = max(locked ?? 0, delay)
                    _ = try await journal.append(
                        JournalEvent(
                            actor: .system, subject: JournalSubject(kind: "sign-in", id: 0), action: .signInLocked,
                            details: [
                                "account": key, "address": address, "failures": String(count),
                                "seconds": String(delay),
                            ]),
                        at: time)
                }
            }
            return (locked, notice)
        }
        if let notice {
            // Sent apart, so that the answer takes no longer for a real account than for an unknown one.
            let mailer = self.mailer
            let logger = self.logger
            Task {
                do { try await mailer.send(notice) } catch {
                    logger.warning("Lockout notice not sent to \(notice.to): \(error)")
                }
            }
        }
        return locked
    }

    /// The agent behind a login.
    package static let agentOwner: SignInOwnerLookup = { login, sql in
        guard let agent = try await AgentRepository(sql: sql).credentials(login: login)?.agent else { return nil }
        let path = try await OrganisationRepository(sql: sql).path(to: agent.organisationID)
        return SignInOwner(subject: .agent(agent.id ?? 0), entityID: path.entity.id, email: agent.email)
    }

    private static func notice(to email: String, account: SignInAccount, seconds: Int64, from sender: String)
        -> MailMessage
    {
        let minutes = max(1, (seconds + 59) / 60)
        return MailMessage(
            from: sender, to: email, subject: "Sceau : connexions à votre compte suspendues",
            body: """
                Bonjour,

                Plusieurs tentatives de connexion à votre compte Sceau ont échoué à la suite (mot de passe \
                incorrect). Par sécurité, la connexion à ce compte est suspendue pendant \(minutes) \
                minute\(minutes > 1 ? "s" : ""), puis de plus en plus longtemps si les échecs continuent.

                Si c'était vous, attendez puis réessayez avec le bon mot de passe. Sinon, quelqu'un essaie \
                peut-être de deviner votre mot de passe : vous n'avez rien à faire, votre mot de passe n'a pas \
                été trouvé. Choisissez-en un plus long si le vôtre est court, et prévenez votre administrateur \
                ou la mairie si cela se reproduit.

                La plateforme Sceau
                """)
    }
}
