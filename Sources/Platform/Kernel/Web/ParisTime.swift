import Foundation

/// Dates as French agents read and type them: local time in Europe/Paris, `jj/mm/aaaa hh:mm`.
/// The platform stores whole seconds since 1970, UTC; ``FrenchTime`` shows them to the second.
package enum ParisTime {
    private static var calendar: Calendar { FrenchTime.parisCalendar }

    /// `dd/MM/yyyy HH:mm` in Paris time.
    package static func format(_ seconds: Int64) -> String {
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func pad(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(pad(parts.day))/\(pad(parts.month))/\(parts.year ?? 0) \(pad(parts.hour)):\(pad(parts.minute))"
    }

    /// Reads `dd/MM/yyyy HH:mm` (or the `yyyy-MM-ddTHH:mm` of a date-time input) typed in Paris time.
    package static func parse(_ text: String, field: String) throws(DomainError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numbers = trimmed.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let invalid = DomainError.invalidField(
            field: field, reason: "Saisissez la date sous la forme jj/mm/aaaa hh:mm (heure de Paris).")
        guard numbers.count == 5 else { throw invalid }
        var parts = DateComponents()
        if trimmed.contains("/") {
            (parts.day, parts.month, parts.year) = (numbers[0], numbers[1], numbers[2])
        } else {
            (parts.year, parts.month, parts.day) = (numbers[0], numbers[1], numbers[2])
        }
        (parts.hour, parts.minute) = (numbers[3], numbers[4])
        guard let year = parts.year, (2000...2999).contains(year), let month = parts.month, (1...12).contains(month),
            let day = parts.day, (1...31).contains(day), let hour = parts.hour, (0...23).contains(hour),
            let minute = parts.minute, (0...59).contains(minute), let date = calendar.date(from: parts),
            calendar.component(.day, from: date) == day
        else { throw invalid }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
