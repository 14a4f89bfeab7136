import Foundation
import PlatformKernel

/// A calendar day, kept as ISO 8601 `AAAA-MM-JJ` (the essential data's dates): typed as `2026-03-15` (a date
/// input) or `15/03/2026`.
package struct CalendarDay: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    package init(year: Int, month: Int, day: Int) throws(DomainError) {
        guard (1900...2999).contains(year), (1...12).contains(month),
            (1...Self.days(in: month, of: year)).contains(day)
        else {
            throw .invalidField(field: "date", reason: "Cette date n'existe pas.")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `AAAA-MM-JJ` or `JJ/MM/AAAA`; `field` names the refused field.
    package init(_ text: String, field: String) throws(DomainError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let format = "Saisissez une date au format jj/mm/aaaa (par exemple 15/03/2026)."
        let iso = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let french = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let parts: [Substring]
        if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2 {
            parts = iso
        } else if french.count == 3, french[0].count == 2, french[1].count == 2, french[2].count == 4 {
            parts = [french[2], french[1], french[0]]
        } else {
            throw .invalidField(field: field, reason: trimmed.isEmpty ? "La date est obligatoire. \(format)" : format)
        }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .invalidField(field: field, reason: format) }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw .invalidField(field: field, reason: "Cette date n'existe pas. \(format)")
        }
    }

    /// The day of `seconds` since 1970 in Paris.
    package init(seconds: Int64) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        let parts = calendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        year = parts.year ?? 1970
        month = parts.month ?? 1
        day = parts.day ?? 1
    }

    /// `AAAA-MM-JJ`.
    package var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `JJ/MM/AAAA`, as pages show it.
    package var french: String {
        String(format: "%02d/%02d/%04d", day, month, year)
    }

    package static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `text` is a real day written `AAAA-MM-JJ` (the schema's pattern, and a day that exists).
    package static func isISODay(_ text: String) -> Bool {
        guard text.count == 10, let day = try? CalendarDay(text, field: "date") else { return false }
        return day.description == text
    }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text, field: "date")
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
