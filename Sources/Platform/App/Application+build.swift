import CoreCMS
import CoreModel
import Hummingbird
import Logging
import PlatformKernel
import Procurement
import Requests
import ServiceLifecycle

/// Assembles the platform: opens and migrates the database, then builds the routes around it.
/// The database is closed when the application shuts down.
package func buildApplication(_ configuration: PlatformConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "sceau-platform")
    logger.logLevel = configuration.logLevel
    let sqliteLock = try configuration.takeSQLiteLock()
    let database = try await Database.open(
        configuration.database, logger: logger, poolSize: configuration.cluster.databasePoolSize)
    let files: FileStore
    let uploads: ChunkedUploads
    let signingKey: PlatformSigningKey
    do {
        try await database.waitUntilReachable(for: configuration.cluster.databaseWait, logger: logger)
        _ = try await Migrator(database: database).migrate()
        files = try FileStore(dataDirectory: configuration.dataDirectory)
        uploads = try ChunkedUploads(dataDirectory: configuration.dataDirectory)
        signingKey = try PlatformSigningKey.loadOrCreate(dataDirectory: configuration.dataDirectory)
    } catch {
        try? await database.close()
        throw error
    }
    var app = Application(
        router: buildRouter(
            database: database, files: files, uploads: uploads, signingKey: signingKey, configuration: configuration,
            logger: logger),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "sceau-platform"),
        logger: logger
    )
    if let sqliteLock { app.addServices(SQLiteNodeLockService(lock: sqliteLock)) }
    app.addServices(DatabaseService(database: database))
    // Added after the database's service, so stopped before it: the journal's last checkpoint still reaches it.
    let leases = configuration.backgroundLeases(database)
    for task in periodicTasks(
        database: database, files: files, uploads: uploads, signingKey: signingKey, configuration: configuration,
        logger: logger)
    {
        app.addServices(PeriodicService(task: task, leases: leases, logger: logger))
    }
    return app
}

/// The platform's routes.
package func buildRouter(
    database: Database, files: FileStore, uploads: ChunkedUploads, signingKey: PlatformSigningKey,
    configuration: PlatformConfiguration, logger: Logger
) -> Router<PlatformRequestContext> {
    let router = Router(context: PlatformRequestContext.self)
    if configuration.logRequests { router.add(middleware: RequestLogMiddleware()) }  // every answer, errors too
    router.add(middleware: MetricsMiddleware())  // requests and their latency per route pattern (docs/operations.md)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: NodeHealthMiddleware(readiness: readinessCheck(database, files, configuration, logger)))
    router.add(
        middleware: SessionMiddleware(
            database: database,
            resolvers: [
                BidderSessionResolver(database: database, sessions: configuration.sessions),
                CitizenSessionResolver(database: database, sessions: configuration.sessions),
            ], sessions: configuration.sessions))
    if let metrics = configuration.metrics {
        MetricsController(endpoint: metrics, dataDirectory: configuration.dataDirectory).register(on: router)
    }
    let hasher = PasswordHasher(cost: configuration.passwordCost)
    let administration = AdministrationService(database: database, hasher: hasher)
    StaticAssetsController().register(on: router)
    HomeController(database: database).register(on: router)
    let throttle = signInThrottle(database: database, configuration: configuration, logger: logger)
    SessionController(
        database: database, hasher: hasher, sessions: configuration.sessions,
        secureCookies: configuration.secureCookies, throttle: throttle
    ).register(on: router)
    let companies = CompanyController(
        database: database, hasher: hasher, sessions: configuration.sessions,
        secureCookies: configuration.secureCookies, throttle: throttle)
    companies.register(on: router)
    let documents = DocumentService(database: database, files: files, maximumSize: configuration.maximumDCESize)
    var questions = QuestionService(database: database, mailer: configuration.noticeMailer ?? configuration.smtp)
    questions.sender = configuration.mailFrom
    questions.logger = logger
    let alerts = consultationAlerts(database: database, configuration: configuration, logger: logger)
    questions.alerts = alerts
    var companyPages = CompanyPagesController(
        database: database, companies: companies, assistantPort: configuration.assistantPort)
    companyPages.documents = documents
    companyPages.questions = questions
    let depositIncidents = DepositIncidents(database: database, node: configuration.cluster.nodeID, logger: logger)
    companyPages.incidents = depositIncidents
    companyPages.register(on: router)
    DocumentController(documents: documents).register(on: router)
    var points = PointsService(database: database)
    points.tariff = configuration.pointsTariff
    points.isPlatformAdministrator = { agentID in
        try await database.session { sql in try await RequestEntityRepository(sql: sql).isPlatformAdministrator(agentID)
        }
    }
    PointsController(service: points).register(on: router)
    AgentSpaceController(service: administration, points: points).register(on: router)
    var account = AccountService(database: database, hasher: hasher)
    if let mailer = configuration.noticeMailer ?? configuration.smtp { account.mailer = mailer }
    account.sender = configuration.mailFrom
    account.origin = configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)"
    account.logger = logger
    account.alertKinds = ProcurementAlert.kinds
    AccountController(service: account).register(on: router)
    var legalPages = LegalPageService(database: database)
    legalPages.files = files
    legalPages.isPlatformAdministrator = { agentID in
        try await database.session { sql in try await RequestEntityRepository(sql: sql).isPlatformAdministrator(agentID)
        }
    }
    LegalPageController(service: legalPages).register(on: router)
    var support = SupportService(database: database)
    support.files = files
    if let mailer = configuration.noticeMailer ?? configuration.smtp { support.mailer = mailer }
    support.sender = configuration.mailFrom
    support.origin = configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)"
    support.supportAddress = configuration.supportEmail
    support.logger = logger
    support.isPlatformAdministrator = legalPages.isPlatformAdministrator
    SupportController(service: support).register(on: router)
    AdministrationController(service: administration).register(on: router)
    EncryptionKeyController(service: EncryptionKeyService(database: database)).register(on: router)
    OrganisationPagesController(administration: administration, keys: EncryptionKeyService(database: database))
        .register(on: router)
    let registers = RegisterService(
        database: database, files: files, maximumDCESize: configuration.maximumDCESize)
    var deposits = DepositService(
        database: database, files: files, uploads: uploads,
        timestampClient: configuration.timestampURL.map { TimestampClient(url: $0) }, logger: logger,
        quotas: configuration.depositQuotas, abandonedUploadAge: configuration.abandonedUploadAge)
    deposits.alerts = alerts
    var depositController = DepositController(deposits: deposits, registers: registers, database: database)
    depositController.incidents = depositIncidents
    depositController.register(on: router)
    RegisterController(registers: registers).register(on: router)
    StatisticsController(service: StatisticsService(database: database)).register(on: router)
    WorkstationController(signatures: configuration.signatureCheck).register(on: router)
    let jobs = RemoteJobService(
        database: database, files: files, signingKey: signingKey, digests: SealedChunkDigests())
    RemoteJobController(jobs: jobs, defaultOrigin: "http://\(configuration.host):\(configuration.port)")
        .register(on: router)
    let fallbackOrigin = "http://\(configuration.host):\(configuration.port)"
    DepositJobController(
        service: DepositJobService(database: database, signingKey: signingKey.privateKey),
        origin: { requestOrigin($0, fallback: fallbackOrigin) }
    ).register(on: router)
    AssistantScriptController(assistantPort: configuration.assistantPort).register(on: router)
    let messaging = MessagingService(
        database: database, files: files, mailer: configuration.smtp, sender: configuration.mailFrom,
        publicURL: configuration.publicURL)
    MessagingController(service: messaging).register(on: router)
    DashboardController(service: DashboardService(consultations: ConsultationService(database: database)))
        .register(on: router)
    var consultationService = ConsultationService(database: database)
    consultationService.alerts = alerts
    consultationService.pointsTariff = configuration.pointsTariff
    var consultations = ConsultationController(
        service: consultationService, jobs: jobs, assistantPort: configuration.assistantPort,
        messaging: messaging)
    consultations.documents = documents
    consultations.questions = questions
    consultations.register(on: router)
    OpeningController(service: OpeningService(database: database), consultations: consultations).register(on: router)
    ContractController(service: ContractService(database: database)).register(on: router)
    var questionPages = QuestionController(questions: questions)
    questionPages.consultations = consultations
    questionPages.companyPages = companyPages
    questionPages.register(on: router)
    let requests = CitizenRequestService(database: database, settings: configuration.requests)
    RequestController(service: requests).register(on: router)
    RequestCatalogController(service: RequestCatalogService(database: database)).register(on: router)
    HouseholdController(service: HouseholdService(database: database)).register(on: router)
    HouseholdPagesController(households: HouseholdService(database: database), requests: requests, files: files)
        .register(on: router)
    NotificationPreferenceController(
        notifier: AgentNotifier(database: database), mailEnabled: configuration.smtp != nil
    ).register(on: router)
    RequestManagementController(
        catalog: RequestCatalogService(database: database),
        platformQuality: configuration.requests.qualityOfService
    ).register(on: router)
    var letters = LettersService(database: database)
    letters.settings = configuration.requests
    letters.mailer = configuration.smtp
    letters.sender = configuration.mailFrom
    BackOfficeController(
        service: requests, catalog: RequestCatalogService(database: database), letters: letters, files: files
    ).register(on: router)
    var frontOffice = frontOfficeService(database: database, configuration: configuration)
    frontOffice.agentNotifier = agentNotifier(database: database, configuration: configuration, logger: logger)
    let payments = paymentService(database: database, configuration: configuration, logger: logger)
    PaymentController(service: payments, catalog: RequestCatalogService(database: database)).register(on: router)
    var frontOfficePages = FrontOfficeController(
        service: frontOffice, files: files,
        secureCookies: configuration.secureCookies,
        publicURL: configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)",
        throttle: throttle
    )
    frontOfficePages.payments = payments
    frontOfficePages.register(on: router)
    CounterAccountController(
        service: frontOffice, publicURL: configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)"
    ).register(on: router)
    return router
}

/// The agents' alerts (« Mes alertes électroniques »), mailed through the configuration's relay.
package func consultationAlerts(database: Database, configuration: PlatformConfiguration, logger: Logger)
    -> ConsultationAlerts
{
    var alerts = ConsultationAlerts(
        database: database, mailer: configuration.noticeMailer ?? configuration.smtp, sender: configuration.mailFrom,
        origin: configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)")
    alerts.logger = logger
    return alerts
}

/// The sign-in throttle of the configuration, mailing its lockout notices through the SMTP relay, if any.
package func signInThrottle(database: Database, configuration: PlatformConfiguration, logger: Logger) -> SignInThrottle
{
    var throttle = SignInThrottle(database: database)
    throttle.policy = configuration.signIn
    throttle.trustForwardedFor = configuration.trustForwardedFor
    if let mailer = configuration.noticeMailer ?? configuration.smtp { throttle.mailer = mailer }
    throttle.sender = configuration.mailFrom
    throttle.logger = logger
    throttle.owners["company"] = SignInThrottle.companyOwner
    throttle.owners["citizen"] = SignInThrottle.citizenOwner
    return throttle
}

/// The journal's checkpointer as the configuration sets it up.
package func journalCheckpointer(
    database: Database, signingKey: PlatformSigningKey, configuration: PlatformConfiguration, logger: Logger
) -> JournalCheckpointer {
    var checkpointer = JournalCheckpointer(
        database: database, signingKey: signingKey,
        timestampClient: configuration.timestampURL.map { TimestampClient(url: $0) },
        file: configuration.journal.file.map { JournalCheckpointFile(path: $0) }, logger: logger)
    checkpointer.everyEntries = configuration.journal.everyEntries
    checkpointer.everySeconds = configuration.journal.everySeconds
    return checkpointer
}

/// Keeps the database open while the server runs and closes it on graceful shutdown.
package struct DatabaseService: Service {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    package func run() async throws {
        try? await gracefulShutdown()
        try await database.close()
    }
}
