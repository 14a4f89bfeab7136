import Foundation
import PlatformKernel

/// Dates and times as citizens read them, in Paris time: "14/03/2027 à 9 h 05".
package enum CitizenTime {
    package static func text(_ seconds: Int64) -> String {
        let parts = FrenchTime.parisCalendar.dateComponents(
            [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return "\(day(parts)) à \(parts.hour ?? 0) h \(String(format: "%02d", parts.minute ?? 0))"
    }

    /// The day alone: "14/03/2027".
    package static func day(_ seconds: Int64) -> String {
        day(
            FrenchTime.parisCalendar.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    private static func day(_ parts: DateComponents) -> String {
        String(format: "%02d/%02d/%04d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0)
    }
}

/// The badge (`.badge--…`) that goes with a state citizens read; the label is always written beside it.
package enum CitizenBadge {
    package static func request(_ state: RequestState) -> String {
        switch state {
        case .pending: "badge--info"
        case .inProgress, .rectified: "badge--progress"
        case .complete: "badge--info"
        case .uncomplete: "badge--warning"
        case .validated, .notified: "badge--success"
        case .rejected: "badge--danger"
        case .closed, .cancelled, .archived: "badge--neutral"
        }
    }

    package static func document(_ state: DocumentState) -> String {
        switch state {
        case .pending: "badge--neutral"
        case .validated: "badge--success"
        case .refused: "badge--danger"
        case .outdated: "badge--warning"
        }
    }

    package static func household(_ state: Household.State) -> String {
        switch state {
        case .inProgress: "badge--info"
        case .valid: "badge--success"
        case .invalid: "badge--danger"
        case .archived: "badge--neutral"
        }
    }
}
