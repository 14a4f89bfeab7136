import Foundation

/// PDF dates (ISO 32000-1 §7.9.4), in UTC.
enum PDFDate {
    static func string(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "D:" + String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + two(parts.hour)
            + two(parts.minute) + two(parts.second) + "+00'00'"
    }
}
