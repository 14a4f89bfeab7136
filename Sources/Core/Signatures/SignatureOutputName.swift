import Foundation

/// Names the file a signature produces, as "Mon Assistant Marchés Publics" does, next to the source and
/// never over an existing file:
///
/// - PAdES: `<name without .pdf> - <yyyyMMddHHmmss> - Signature <n>.pdf`
/// - CAdES: `<name with its extension> - <yyyyMMddHHmmss> - Signature <n>.p7s`
/// - XAdES: `<name with its extension> - <yyyyMMddHHmmss> - Signature <n>.xml`
/// - ASiC-E of one file: `<name with its extension> - <yyyyMMddHHmmss> - Signature <n>.asice`; of several:
///   `Conteneur - <yyyyMMddHHmmss> - Signature <n>.asice` (``containerDestination(at:in:exists:)``); a
///   container signed again: `<container's name without .asice> - <yyyyMMddHHmmss> - Signature <n>.asice`
///
/// `n` starts at the number the signature will have (1, or one more than the signatures a PDF already
/// holds) and grows until the name is free.
public enum SignatureOutputName {
    /// The destination of the signature of `source`, in `directory` (the source's own by default).
    public static func destination(
        for source: URL, format: SignatureFormat, at time: Date, in directory: URL? = nil,
        firstNumber: Int = 1, exists: (URL) -> Bool = { FileManager.default.fileExists(atPath: $0.path) }
    ) -> URL {
        let folder = directory ?? source.deletingLastPathComponent()
        var base = source.lastPathComponent
        if format == .pades, source.pathExtension.lowercased() == "pdf" {
            base = source.deletingPathExtension().lastPathComponent
        }
        if format == .asice, ASiCE.fileExtensions.contains(source.pathExtension.lowercased()) {
            base = source.deletingPathExtension().lastPathComponent
        }
        let stamp = timestamp(time)
        var number = max(1, firstNumber)
        while true {
            let candidate = folder.appendingPathComponent(
                "\(base) - \(stamp) - Signature \(number).\(format.fileExtension)")
            if !exists(candidate) { return candidate }
            number += 1
        }
    }

    /// The destination of a new container of several files, in `directory`.
    public static func containerDestination(
        at time: Date, in directory: URL,
        exists: (URL) -> Bool = { FileManager.default.fileExists(atPath: $0.path) }
    ) -> URL {
        destination(
            for: directory.appendingPathComponent("Conteneur"), format: .asice, at: time, in: directory,
            exists: exists)
    }

    /// `yyyyMMddHHmmss` in the workstation's time zone, as the seed's file names show.
    static func timestamp(_ time: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        return String(
            format: "%04d%02d%02d%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }
}
