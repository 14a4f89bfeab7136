import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A swift-log handler that writes one JSON object per line (`--log-format json` of both programs):
///
/// ```json
/// {"time":"2026-12-07T17:05:09.123Z","level":"info","label":"sceau-platform","message":"Request","hb.request.id":"…","node":"web-1"}
/// ```
///
/// `time` is ISO 8601 in UTC with milliseconds; the metadata (the handler's, the logger's, the provider's and
/// the call's, later ones winning) is flattened into the object: a nested dictionary `{"a": {"b": "c"}}`
/// becomes the key `a.b`, an array stays an array of strings, and a key that would hide one of the four
/// fields above is written `metadata.KEY`. Every string is escaped as JSON requires (quotes, backslashes and
/// every control character), so a message can never break its line. Each line is written with one call.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// A handler for `label` writing its lines through `write` (standard error by default); `metadata` is on
    /// every line (the platform puts its node id there).
    public init(
        label: String, metadata: Logger.Metadata = [:], metadataProvider: Logger.MetadataProvider? = nil,
        write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) {
        self.label = label
        self.metadata = metadata
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        write(
            Self.line(
                time: Self.now(), level: event.level, label: label, message: event.message.description,
                metadata: merged))
    }

    /// The JSON line (with its line feed) of one record.
    public static func line(
        time: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        var out = "{"
        appendField("time", .string(time), to: &out, first: true)
        appendField("level", .string(level.rawValue), to: &out)
        appendField("label", .string(label), to: &out)
        appendField("message", .string(message), to: &out)
        var flat: [(String, Logger.Metadata.Value)] = []
        flatten(metadata, prefix: "", into: &flat)
        for (key, value) in flat.sorted(by: { $0.0 < $1.0 }) {
            let name = reserved.contains(key) ? "metadata.\(key)" : key
            appendField(name, value, to: &out)
        }
        out += "}\n"
        return out
    }

    private static let reserved: Set<String> = ["time", "level", "label", "message"]

    private static func flatten(
        _ metadata: Logger.Metadata, prefix: String, into flat: inout [(String, Logger.Metadata.Value)]
    ) {
        for (key, value) in metadata {
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            if case .dictionary(let nested) = value, !nested.isEmpty {
                flatten(nested, prefix: name, into: &flat)
            } else {
                flat.append((name, value))
            }
        }
    }

    private static func appendField(
        _ name: String, _ value: Logger.Metadata.Value, to out: inout String, first: Bool = false
    ) {
        if !first { out += "," }
        appendString(name, to: &out)
        out += ":"
        appendValue(value, to: &out)
    }

    private static func appendValue(_ value: Logger.Metadata.Value, to out: inout String) {
        switch value {
        case .array(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                appendString(item.description, to: &out)
            }
            out += "]"
        case .dictionary(let nested) where nested.isEmpty:
            out += "{}"
        default:
            appendString(value.description, to: &out)
        }
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters (U+0000–U+001F, and
    /// U+007F, U+2028, U+2029 that some readers treat as line ends) escaped.
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Now, as `2026-12-07T17:05:09.123Z`.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return iso8601(seconds: Int(spec.tv_sec), milliseconds: Int(spec.tv_nsec) / 1_000_000)
    }

    /// `seconds` since 1970 and `milliseconds`, in UTC, as ISO 8601.
    static func iso8601(seconds: Int, milliseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))T"
            + "\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))."
            + "\(padded(Int32(milliseconds), 3))Z"
    }

    /// Writes a line to standard error in one `write` (lines of concurrent records never interleave below
    /// the pipe's atomic size).
    public static let standardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { buffer in
            while offset < buffer.count {
                let written = systemWrite(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// `write(2)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
