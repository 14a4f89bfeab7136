/// What a DCE archive must be for bidders to download it whole or in part: no entry with an absolute path or
/// one that climbs out of the archive (`..`), no entry that expands absurdly (a "ZIP bomb"), a bounded number
/// of entries and expanded size.
package struct ZIPArchivePolicy: Sendable {
    /// The largest ratio of expanded to compressed size of one entry.
    package var maximumRatio: Int64 = 100
    /// Entries smaller than this once expanded are not held to the ratio (a few kilobytes of blank text compress
    /// very well and harm nobody).
    package var ratioFloor: Int64 = 1 << 20
    /// The most entries an archive may hold.
    package var maximumEntries = 10_000
    /// The most bytes the whole archive may expand to.
    package var maximumExpandedSize: Int64 = 8 << 30

    package init() {}

    /// Refuses the first entry that breaks a rule.
    package func check(_ entries: [ZIPEntry]) throws(ZIPError) {
        guard entries.count <= maximumEntries else {
            throw .tooBig(
                "L'archive contient \(entries.count) fichiers, au-delà des \(maximumEntries) acceptés : scindez-la.")
        }
        var expanded: Int64 = 0
        for entry in entries {
            guard Self.isSafe(path: entry.name) else { throw .unsafePath(entry.name) }
            if entry.uncompressedSize > ratioFloor, entry.uncompressedSize > entry.compressedSize * maximumRatio {
                throw .expansion(entry.name)
            }
            expanded += entry.uncompressedSize
        }
        guard expanded <= maximumExpandedSize else {
            throw .tooBig(
                "L'archive se décompresse en plus de \(maximumExpandedSize >> 30) Gio : elle est refusée.")
        }
    }

    /// A relative path that stays inside the archive: not empty, no leading `/` or `\`, no drive letter, no
    /// `..` component, no NUL.
    package static func isSafe(path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("\\"), !path.contains("\0") else { return false }
        let scalars = Array(path.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return false }
        let components = path.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }
        return !components.contains("..")
    }
}
