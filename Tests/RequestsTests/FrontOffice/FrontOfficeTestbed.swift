import PlatformTestSupport
import Synchronization

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

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
