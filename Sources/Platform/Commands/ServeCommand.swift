import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PlatformApp
import PlatformKernel
import Procurement
import Requests
import X509

/// `sceau-platform serve`: migrates the database and serves the platform until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the platform's web server."
    )

    @OptionGroup var storage: StorageOptions

    @OptionGroup(title: "Several nodes") var cluster: ClusterOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "TCP port.")
    var port: Int = PlatformConfiguration.defaultPort

    @Option(help: "RFC 3161 time-stamping service that stamps deposit receipts and the journal's checkpoints.")
    var tsa: String?

    @Option(
        help:
            "File, outside the database, to which every signed checkpoint of the journal is appended (one line each); ship it elsewhere or keep it append-only."
    )
    var journalCheckpoints: String?

    @Option(help: "A journal checkpoint is taken once this many entries follow the last one.")
    var journalCheckpointEntries: Int = 1000

    @Option(help: "…and at the latest this many minutes after the last one, when entries follow it.")
    var journalCheckpointMinutes: Int = 15

    @Option(help: "Port of the assistant on agents' workstations, which the pages reach on 127.0.0.1.")
    var assistantPort: Int = PlatformConfiguration.defaultAssistantPort

    @Option(
        help:
            "SMTP relay (HOST:PORT, no authentication) for the platform's e-mails: forgotten passwords, drafts' deletion notices, agents' notifications of new requests and quality-of-service alerts."
    )
    var smtp: String?

    @Option(help: "The sender address of the platform's e-mails.")
    var mailFrom: String = "ne-pas-repondre@sceau.invalid"

    @Option(help: "The platform support's address, mailed when an agent opens a support ticket (none: nobody is).")
    var supportEmail: String?

    @Option(
        help: "The address citizens reach the platform at, used in the links of e-mails (default http://HOST:PORT).")
    var publicURL: String?

    @Option(help: "Days a citizen's draft is kept after its last save.")
    var draftDays: Int = 30

    @Option(help: "Days before a draft's deletion its household is told by e-mail.")
    var draftNoticeDays: Int = 7

    @Option(help: "Minutes an agent's opening of a request locks it for the other agents.")
    var requestLockMinutes: Int = 30

    @Option(help: "Maximum instruction time of a request, in working days (teleservices without their own).")
    var qosMaxDays: Int = QualityOfService.platformDefault.maximumDays

    @Option(help: "Working days before the maximum instruction time at which a request turns urgent.")
    var qosReminderDays: Int = QualityOfService.platformDefault.reminderDays

    @Option(help: "Seconds between two looks for requests turned urgent or late, mailed to the agents.")
    var qosAlertInterval: Int = 3600

    @Option(
        help:
            "Points debited from an entity when one of its consultations under the adapted procedure (Mapa) is put online; 0: none."
    )
    var pointsPerMapa: Int64 = PointsTariff().adapted

    @Option(
        help:
            "Points debited from an entity when one of its consultations under a formal procedure is put online; 0: none."
    )
    var pointsPerFormalProcedure: Int64 = PointsTariff().formalised

    @Option(
        help:
            "Whether cookies carry Secure: secure (behind HTTPS, e.g. a TLS proxy) or insecure (plain HTTP). Default: secure, except on a loopback --host."
    )
    var cookies: CookieSecurity?

    @Option(help: "Failed sign-ins of one account (known or not) before it is locked, 1 s then doubling.")
    var signInAttempts: Int = SignInThrottlePolicy().accountAttempts

    @Option(help: "Failed sign-ins from one source address, whatever the account, before it is locked.")
    var signInAddressAttempts: Int = SignInThrottlePolicy().addressAttempts

    @Option(help: "Longest sign-in lockout, in seconds.")
    var signInLockoutMax: Int = Int(SignInThrottlePolicy().maxDelay)

    @Option(help: "Seconds a session lasts at most after signing in (agents, companies, citizens).")
    var sessionLifetime: Int = Int(SessionPolicy().lifetime)

    @Option(help: "Seconds without any request after which a session ends; its pages warn a minute before.")
    var idleTimeout: Int = Int(SessionPolicy().idleTimeout)

    @Flag(help: "Take the sign-in throttle's source address from the last X-Forwarded-For entry (behind a proxy).")
    var trustForwardedFor = false

    @Option(help: "Deposits in progress a company may hold for one consultation.")
    var maxDepositsInProgress: Int = DepositQuotas().depositsInProgressPerConsultation

    @Option(help: "Deposits in progress a company may hold over every consultation.")
    var maxCompanyDepositsInProgress: Int = DepositQuotas().depositsInProgressPerCompany

    @Option(help: "Files in one envelope of a deposit.")
    var maxFilesPerEnvelope: Int = DepositQuotas().filesPerEnvelope

    @Option(help: "Largest sealed file of a deposit, in bytes or with a unit (K, M, G: KiB, MiB, GiB).")
    var maxFileSize: ByteSize = ByteSize(bytes: DepositQuotas().bytesPerFile)

    @Option(help: "Largest deposit, every file together, in bytes or with a unit (K, M, G).")
    var maxDepositSize: ByteSize = ByteSize(bytes: DepositQuotas().bytesPerDeposit)

    @Option(help: "Largest DCE an agent may attach, in bytes or with a unit (K, M, G).")
    var maxDceSize: ByteSize = ByteSize(bytes: RegisterService.defaultMaximumDCESize)

    @Option(
        help:
            "PEM file of the certificates « Vérifier une signature » trusts on the server (roots of the signers' authorities); without it, no signature verified on the server is « valide »."
    )
    var signatureTrustAnchors: String?

    @Option(help: "Largest upload « Vérifier une signature » checks on the server, in bytes or with a unit (K, M, G).")
    var maxVerifySize: ByteSize = ByteSize(bytes: Int64(SignatureCheckService.defaultMaximumSize))

    @Option(
        help:
            "Hours after which an upload left untouched is abandoned: its chunks and its deposit file are removed, as are temporary files and stored files no row names."
    )
    var abandonedUploadAge: Int = Int(UploadSweep.defaultAge / 3600)

    @Option(help: "Seconds between two sweeps of abandoned uploads.")
    var uploadSweepInterval: Int = 3600

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @OptionGroup var observability: ObservabilityOptions

    @OptionGroup(title: "Online payment") var payments: PaymentOptions

    func run() async throws {
        let metrics = observability.bootstrap(node: cluster.nodeId ?? NodeID.default)
        var configuration = PlatformConfiguration(
            host: host, port: port, database: try storage.location(), logLevel: logLevel)
        configuration.metrics = metrics
        configuration.logRequests = true
        configuration.dataDirectory = storage.dataDir
        configuration.assistantPort = assistantPort
        if let tsa {
            guard let url = URL(string: tsa), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--tsa must be an http(s) URL.")
            }
            configuration.timestampURL = url
        }
        if let smtp {
            guard let mailer = SMTPMailer(relay: smtp) else { throw ValidationError("--smtp must be HOST:PORT.") }
            configuration.smtp = mailer
        }
        configuration.mailFrom = mailFrom
        configuration.supportEmail = supportEmail
        guard journalCheckpointEntries > 0, journalCheckpointMinutes > 0 else {
            throw ValidationError("--journal-checkpoint-entries and --journal-checkpoint-minutes must be positive.")
        }
        configuration.journal = JournalCheckpointSettings(
            file: journalCheckpoints, everyEntries: Int64(journalCheckpointEntries),
            everySeconds: Int64(journalCheckpointMinutes) * 60)
        configuration.publicURL = publicURL
        configuration.cookies = cookies
        guard signInAttempts > 0, signInAddressAttempts > 0, signInLockoutMax > 0 else {
            throw ValidationError(
                "--sign-in-attempts, --sign-in-address-attempts and --sign-in-lockout-max must be positive.")
        }
        configuration.signIn.accountAttempts = signInAttempts
        configuration.signIn.addressAttempts = signInAddressAttempts
        configuration.signIn.maxDelay = Int64(signInLockoutMax)
        configuration.trustForwardedFor = trustForwardedFor
        guard sessionLifetime > 0, idleTimeout > 0 else {
            throw ValidationError("--session-lifetime and --idle-timeout must be positive numbers of seconds.")
        }
        configuration.sessions = SessionPolicy(lifetime: Int64(sessionLifetime), idleTimeout: Int64(idleTimeout))
        try configureRequests(&configuration)
        try configurePoints(&configuration)
        try configureQuotas(&configuration)
        try configureSignatureCheck(&configuration)
        configuration.cluster = try cluster.settings()
        configuration.payments = try payments.settings()
        let app = try await buildApplication(configuration)
        var logger = Logger(label: "sceau-platform")
        logger.logLevel = logLevel
        try await app.runDraining(configuration.cluster, logger: logger)
    }
}

extension ServeCommand {
    /// The requests' settings and the alerts' interval from the options, checked.
    func configureRequests(_ configuration: inout PlatformConfiguration) throws {
        guard draftDays > 0, (0..<draftDays).contains(draftNoticeDays) else {
            throw ValidationError("--draft-days must be positive and --draft-notice-days below it.")
        }
        configuration.requests.draftLifetime = Int64(draftDays) * 86_400
        configuration.requests.draftNoticeDays = Int64(draftNoticeDays)
        guard requestLockMinutes > 0 else { throw ValidationError("--request-lock-minutes must be positive.") }
        configuration.requests.lockDuration = Int64(requestLockMinutes) * 60
        guard qosMaxDays > 0, (0..<qosMaxDays).contains(qosReminderDays) else {
            throw ValidationError("--qos-max-days must be positive and --qos-reminder-days below it.")
        }
        configuration.requests.qualityOfService = QualityOfService(
            maximumDays: qosMaxDays, reminderDays: qosReminderDays)
        guard qosAlertInterval > 0 else { throw ValidationError("--qos-alert-interval must be positive.") }
        configuration.qualityAlertInterval = .seconds(qosAlertInterval)
    }
}

extension ServeCommand {
    /// What a publication costs in points, checked.
    func configurePoints(_ configuration: inout PlatformConfiguration) throws {
        guard pointsPerMapa >= 0, pointsPerFormalProcedure >= 0 else {
            throw ValidationError("--points-per-mapa and --points-per-formal-procedure must be 0 or more.")
        }
        configuration.pointsTariff = PointsTariff(adapted: pointsPerMapa, formalised: pointsPerFormalProcedure)
    }
}

extension ServeCommand {
    /// The deposits' quotas, the DCE's limit and the uploads' sweep from the options, checked.
    func configureQuotas(_ configuration: inout PlatformConfiguration) throws {
        guard maxDepositsInProgress > 0, maxCompanyDepositsInProgress >= maxDepositsInProgress else {
            throw ValidationError(
                "--max-deposits-in-progress must be positive and --max-company-deposits-in-progress at least as large.")
        }
        guard maxFilesPerEnvelope > 0 else { throw ValidationError("--max-files-per-envelope must be positive.") }
        guard maxFileSize.bytes > 0, maxDepositSize.bytes >= maxFileSize.bytes, maxDceSize.bytes > 0 else {
            throw ValidationError(
                "--max-file-size and --max-dce-size must be positive, --max-deposit-size at least --max-file-size.")
        }
        guard abandonedUploadAge > 0, uploadSweepInterval > 0 else {
            throw ValidationError("--abandoned-upload-age and --upload-sweep-interval must be positive.")
        }
        configuration.depositQuotas = DepositQuotas(
            depositsInProgressPerConsultation: maxDepositsInProgress,
            depositsInProgressPerCompany: maxCompanyDepositsInProgress, filesPerEnvelope: maxFilesPerEnvelope,
            bytesPerFile: maxFileSize.bytes, bytesPerDeposit: maxDepositSize.bytes)
        configuration.maximumDCESize = maxDceSize.bytes
        configuration.abandonedUploadAge = Int64(abandonedUploadAge) * 3600
        configuration.uploadSweepInterval = .seconds(uploadSweepInterval)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension CookieSecurity: ExpressibleByArgument {}

extension ServeCommand {
    /// « Vérifier une signature » on the server: its trust anchors and its upload limit, checked.
    func configureSignatureCheck(_ configuration: inout PlatformConfiguration) throws {
        guard maxVerifySize.bytes > 0, maxVerifySize.bytes <= Int64(Int32.max) else {
            throw ValidationError("--max-verify-size must be positive and below 2 GiB.")
        }
        var anchors: [Certificate] = []
        if let signatureTrustAnchors {
            guard let text = try? String(contentsOfFile: signatureTrustAnchors, encoding: .utf8),
                let found = try? Self.certificates(inPEM: text), !found.isEmpty
            else {
                throw ValidationError("--signature-trust-anchors must be a readable PEM file of certificates.")
            }
            anchors = found
        }
        configuration.signatureCheck = SignatureCheckService(
            trustAnchors: anchors, maximumSize: Int(maxVerifySize.bytes))
    }

    /// Every `CERTIFICATE` block of a PEM text.
    static func certificates(inPEM text: String) throws -> [Certificate] {
        let marker = "-----END CERTIFICATE-----"
        return try text.components(separatedBy: marker).dropLast().map { try Certificate(pemEncoded: $0 + marker) }
    }
}
