import Synchronization

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A test double of ``Mailer``: keeps the messages instead of sending them; can be told to fail.
package final class RecordingMailer: Mailer {
    private let state = Mutex<(messages: [MailMessage], failing: Bool)>(([], false))

    package init() {}

    package var messages: [MailMessage] { state.withLock { $0.messages } }

    package func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

    package func send(_ message: MailMessage) async throws {
        try state.withLock {
            if $0.failing { throw MailError.connection("relais de test en panne") }
            $0.messages.append(message)
        }
    }
}
