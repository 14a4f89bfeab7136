import Foundation

/// Times as French agents and companies read them: Paris local time, to the second.
package enum FrenchTime {
    /// `dd/MM/yyyy HH:mm:ss` in Europe/Paris, e.g. `31/03/2027 12:00:00`.
    package static func text(_ seconds: Int64) -> String {
        let calendar = parisCalendar
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return
            "\(two(parts.day))/\(two(parts.month))/\(parts.year ?? 0) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    package static var parisCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return calendar
    }
}
