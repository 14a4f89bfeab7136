/// Orders dotted version numbers ("0.10.2" after "0.9.9"); a missing component counts as 0 and a
/// suffix after a dash ("1.0.0-beta") comes before the release.
public enum VersionOrder {
    /// Whether `version` is older than `other`.
    public static func isOlder(_ version: String, than other: String) -> Bool {
        let (a, aSuffix) = parts(version)
        let (b, bSuffix) = parts(other)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y }
        }
        return aSuffix && !bSuffix
    }

    private static func parts(_ version: String) -> ([Int], Bool) {
        let trimmed = version.hasPrefix("v") ? String(version.dropFirst()) : version
        let main = trimmed.split(separator: "-", maxSplits: 1)
        let numbers = (main.first ?? "").split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        return (numbers, main.count > 1)
    }
}
