import PlatformTestSupport
import Synchronization

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A test double of ``Mailer``: keeps the messages instead of sending them; can be told to fail.
final class RecordingMailer: Mailer {
    private let state = Mutex<(messages: [MailMessage], failing: Bool)>(([], false))

    var messages: [MailMessage] { state.withLock { $0.messages } }

    func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

    func send(_ message: MailMessage) async throws {
        try state.withLock {
            if $0.failing { throw MailError.connection("relais de test en panne") }
            $0.messages.append(message)
        }
    }
}

/// The front office's service on a database, with a recording mailer and a settable clock.
struct FrontOfficeTestbed {
    let service: FrontOfficeService
    let mailer: RecordingMailer
    let clock: RequestClock

    init(_ database: Database, start: Int64 = RequestFixture.start) {
        let clock = RequestClock(start)
        let mailer = RecordingMailer()
        var service = FrontOfficeService(database: database, hasher: PlatformHarness.hasher, mailer: mailer)
        service.now = { clock.now }
        self.service = service
        self.mailer = mailer
        self.clock = clock
    }

    static let account = FrontOfficeService.NewAccount(
        civility: .madame, lastName: "Martin", firstName: "Claire", email: "Claire.Martin@Example.invalid",
        password: "mot de passe sûr", address: "1 place de la Mairie 95000 Cergy")
}
