import Foundation
import Logging

/// How the platform runs: where it listens, where its data lives, how much it logs.
struct PlatformConfiguration: Sendable {
    /// The documented default port of the platform.
    static let defaultPort = 8470
    /// `$XDG_DATA_HOME/sceau/platform`, or `~/.local/share/sceau/platform`.
    static var defaultDataDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        // An empty variable counts as unset (XDG Base Directory specification).
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/sceau/platform"
    }

    /// The documented default port of the agents' assistant, which the pages reach on 127.0.0.1.
    static let defaultAssistantPort = 17420

    var host = "127.0.0.1"
    var port = defaultPort
    var database: DatabaseLocation
    /// Where stored files (DCE, sealed plis) and uploads in progress live.
    var dataDirectory: String = PlatformConfiguration.defaultDataDirectory
    /// The RFC 3161 time-stamping service that stamps deposit receipts, if any.
    var timestampURL: URL?
    var logLevel: Logger.Level = .info
    /// The port of the assistant on the agent's workstation (`ws://127.0.0.1:<port>/ws`), for the pages.
    var assistantPort = PlatformConfiguration.defaultAssistantPort
    /// The bcrypt cost of password hashes.
    var passwordCost: UInt8 = 12
    /// How long a session lasts without signing in again, in seconds.
    var sessionLifetime: Int64 = 8 * 3600
    /// The SMTP relay of the citizens' e-mails (`serve --smtp`); `nil`: none, the e-mails fail.
    var smtp: SMTPMailer?
    /// The `From` of the platform's e-mails.
    var mailFrom = "ne-pas-repondre@sceau.invalid"
    /// The address citizens reach the platform at, for the links of e-mails; `http://host:port` when `nil`.
    var publicURL: String?
    /// The requests' settings: quality of service, lock duration, drafts' lifetime and notice.
    var requests = RequestSettings()
    /// How often the quality-of-service alerts are looked for (`serve --qos-alert-interval`).
    var qualityAlertInterval: Duration = .seconds(3600)
    /// What a company may hold while it deposits (`serve --max-deposits-in-progress` and the like).
    var depositQuotas = DepositQuotas()
    /// The largest DCE an agent may attach, in bytes (`serve --max-dce-size`).
    var maximumDCESize = RegisterService.defaultMaximumDCESize
    /// After how many seconds untouched an upload is abandoned and swept (`serve --abandoned-upload-age`, in hours).
    var abandonedUploadAge = UploadSweep.defaultAge
    /// How often abandoned uploads are swept (`serve --upload-sweep-interval`).
    var uploadSweepInterval: Duration = .seconds(3600)
    /// `Secure` on cookies as chosen (`serve --cookies`); `nil`: on unless the platform is served over plain HTTP
    /// on loopback (the demo). A platform on loopback behind a TLS proxy chooses `.secure`.
    var cookies: CookieSecurity?
    /// Whether cookies carry `Secure`.
    var secureCookies: Bool {
        switch cookies {
        case .secure: true
        case .insecure: false
        case nil: !["127.0.0.1", "localhost", "::1"].contains(host)
        }
    }
}

/// Whether the platform's cookies carry the `Secure` flag (`serve --cookies secure|insecure`).
enum CookieSecurity: String, CaseIterable, Sendable {
    case secure
    case insecure
}
