import Foundation
import Logging
import PlatformKernel
import Procurement
import Requests

/// How the platform runs: where it listens, where its data lives, how much it logs.
package struct PlatformConfiguration: Sendable {
    /// The documented default port of the platform.
    package static let defaultPort = 8470
    /// `$XDG_DATA_HOME/sceau/platform`, or `~/.local/share/sceau/platform`.
    package static var defaultDataDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        // An empty variable counts as unset (XDG Base Directory specification).
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/sceau/platform"
    }

    /// The documented default port of the agents' assistant, which the pages reach on 127.0.0.1.
    package static let defaultAssistantPort = AssistantScript.defaultPort

    package var host = "127.0.0.1"
    package var port = defaultPort
    package var database: DatabaseLocation
    /// Where stored files (DCE, sealed plis) and uploads in progress live.
    package var dataDirectory: String = PlatformConfiguration.defaultDataDirectory
    /// The RFC 3161 time-stamping service that stamps deposit receipts and journal checkpoints, if any.
    package var timestampURL: URL?
    /// When the journal's checkpoints are taken, and the file they are exported to.
    package var journal = JournalCheckpointSettings()
    package var logLevel: Logger.Level = .info
    /// `GET /metrics`, when the program bootstrapped swift-metrics with a Prometheus registry; nil: no route.
    package var metrics: MetricsEndpoint?
    /// Whether every request is logged at `info` with its id, route, status and duration (`serve` does).
    package var logRequests = false
    /// The port of the assistant on the agent's workstation (`ws://127.0.0.1:<port>/ws`), for the pages.
    package var assistantPort = PlatformConfiguration.defaultAssistantPort
    /// The bcrypt cost of password hashes.
    package var passwordCost: UInt8 = 12
    /// How long a session lasts without signing in again, and without any request (`serve --session-lifetime`,
    /// `--idle-timeout`).
    package var sessions = SessionPolicy()
    /// The SMTP relay of the citizens' e-mails (`serve --smtp`); `nil`: none, the e-mails fail.
    package var smtp: SMTPMailer?
    /// Sends the lockout notices instead of `smtp` when set (the tests record them).
    package var noticeMailer: (any Mailer)?
    /// Sign-in throttling: attempts per account and per address, longest lockout (`serve --sign-in-…`).
    package var signIn = SignInThrottlePolicy()
    /// Whether the sign-in throttle takes the client's address from `X-Forwarded-For`, as appended by a
    /// trusted reverse proxy (`serve --trust-forwarded-for`); otherwise the connection's peer address.
    package var trustForwardedFor = false
    /// What a company may hold while it deposits (`serve --max-deposits-in-progress` and the like).
    package var depositQuotas = DepositQuotas()
    /// What « Vérifier une signature » on the server trusts and how much it reads (`serve
    /// --signature-trust-anchors`, `--max-verify-size`): no anchor, every valid signature is « indéterminée ».
    package var signatureCheck = SignatureCheckService()
    /// The largest DCE an agent may attach, in bytes (`serve --max-dce-size`).
    package var maximumDCESize = RegisterService.defaultMaximumDCESize
    /// After how many seconds untouched an upload is abandoned and swept (`serve --abandoned-upload-age`, in
    /// hours).
    package var abandonedUploadAge = UploadSweep.defaultAge
    /// How often abandoned uploads are swept (`serve --upload-sweep-interval`).
    package var uploadSweepInterval: Duration = .seconds(3600)
    /// The `From` of the platform's e-mails.
    package var mailFrom = "ne-pas-repondre@sceau.invalid"
    /// The support's address, told of each new ticket (`serve --support-email`); none: nobody is mailed.
    package var supportEmail: String?
    /// The address citizens reach the platform at, for the links of e-mails; `http://host:port` when `nil`.
    package var publicURL: String?
    /// The requests' settings: quality of service, lock duration, drafts' lifetime and notice.
    package var requests = RequestSettings()
    /// How often the quality-of-service alerts are looked for (`serve --qos-alert-interval`).
    package var qualityAlertInterval: Duration = .seconds(3600)
    /// What each consultation put online costs its entity, in points (`serve --points-per-mapa`,
    /// `--points-per-formal-procedure`): an option rather than a settings table, as the tariff is the operator's
    /// commercial decision, rarely changed, the same on every node, and needs no page.
    package var pointsTariff = PointsTariff()
    /// How often the clôture summaries of the consultations whose deadline passed are looked for.
    package var closureAlertInterval: Duration = .seconds(60)
    /// `Secure` on cookies as chosen (`serve --cookies`); `nil`: on unless the platform is served over plain HTTP
    /// on loopback (the demo). A platform on loopback behind a TLS proxy chooses `.secure`.
    package var cookies: CookieSecurity?
    /// This node among others: its name, the database wait and pool, leases, draining.
    package var cluster = ClusterSettings()
    /// The citizens' online payment: which provider, PayFiP's client number and mode (`serve --payment-…`).
    package var payments = PaymentConfiguration()

    package init(
        host: String = "127.0.0.1", port: Int = defaultPort, database: DatabaseLocation,
        dataDirectory: String = PlatformConfiguration.defaultDataDirectory, timestampURL: URL? = nil,
        journal: JournalCheckpointSettings = JournalCheckpointSettings(),
        logLevel: Logger.Level = .info, assistantPort: Int = PlatformConfiguration.defaultAssistantPort,
        passwordCost: UInt8 = 12, sessions: SessionPolicy = SessionPolicy(), smtp: SMTPMailer? = nil,
        noticeMailer: (any Mailer)? = nil, signIn: SignInThrottlePolicy = SignInThrottlePolicy(),
        trustForwardedFor: Bool = false, depositQuotas: DepositQuotas = DepositQuotas(),
        maximumDCESize: Int64 = RegisterService.defaultMaximumDCESize,
        abandonedUploadAge: Int64 = UploadSweep.defaultAge,
        uploadSweepInterval: Duration = .seconds(3600),
        mailFrom: String = "ne-pas-repondre@sceau.invalid", publicURL: String? = nil,
        requests: RequestSettings = RequestSettings(), qualityAlertInterval: Duration = .seconds(3600),
        cookies: CookieSecurity? = nil
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.dataDirectory = dataDirectory
        self.timestampURL = timestampURL
        self.journal = journal
        self.logLevel = logLevel
        self.assistantPort = assistantPort
        self.passwordCost = passwordCost
        self.sessions = sessions
        self.smtp = smtp
        self.noticeMailer = noticeMailer
        self.signIn = signIn
        self.trustForwardedFor = trustForwardedFor
        self.depositQuotas = depositQuotas
        self.maximumDCESize = maximumDCESize
        self.abandonedUploadAge = abandonedUploadAge
        self.uploadSweepInterval = uploadSweepInterval
        self.mailFrom = mailFrom
        self.publicURL = publicURL
        self.requests = requests
        self.qualityAlertInterval = qualityAlertInterval
        self.cookies = cookies
    }
    /// Whether cookies carry `Secure`.
    package var secureCookies: Bool {
        switch cookies {
        case .secure: true
        case .insecure: false
        case nil: !["127.0.0.1", "localhost", "::1"].contains(host)
        }
    }
}

/// Whether the platform's cookies carry the `Secure` flag (`serve --cookies secure|insecure`).
package enum CookieSecurity: String, CaseIterable, Sendable {
    case secure
    case insecure
}
