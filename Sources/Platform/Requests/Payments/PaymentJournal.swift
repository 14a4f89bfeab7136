import PlatformKernel

extension JournalAction {
    /// A manager changed whether a teleservice asks for a payment, and how much.
    package static let teleservicePaymentChanged: JournalAction = "teleservice.payment-changed"
    package static let paymentCreated: JournalAction = "payment.created"
    /// The citizen was sent to the payment service.
    package static let paymentSent: JournalAction = "payment.sent"
    package static let paymentPaid: JournalAction = "payment.paid"
    package static let paymentRefused: JournalAction = "payment.refused"
    package static let paymentCancelled: JournalAction = "payment.cancelled"
    package static let paymentExpired: JournalAction = "payment.expired"
    /// The same outcome notified again: recorded, nothing changed.
    package static let paymentNotificationRepeated: JournalAction = "payment.notification-repeated"
    /// A notification that was not believed: unknown order, wrong amount, bad signature, a move the state
    /// machine refuses.
    package static let paymentNotificationRefused: JournalAction = "payment.notification-refused"

    package static func payment(_ state: PaymentState) -> JournalAction {
        switch state {
        case .created: .paymentCreated
        case .pending: .paymentSent
        case .paid: .paymentPaid
        case .refused: .paymentRefused
        case .cancelled: .paymentCancelled
        case .expired: .paymentExpired
        }
    }
}
