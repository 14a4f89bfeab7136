import CoreLogging
import Foundation
import Logging
import Synchronization
import Testing

@testable import CoreLogging

/// `--log-format json`: one JSON object per line, with the fields operators query, whatever the message holds.
struct JSONLogHandlerTests {
    /// The lines a handler wrote.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    private func logger(_ lines: Lines, metadata: Logger.Metadata = ["node": "web-1:42"]) -> Logger {
        var logger = Logger(label: "sceau-platform") { label in
            JSONLogHandler(label: label, metadata: metadata) { lines.append($0) }
        }
        logger.logLevel = .debug
        return logger
    }

    private func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func aRecordIsOneJSONObjectWithItsFields() throws {
        let lines = Lines()
        var logger = logger(lines)
        logger[metadataKey: "hb.request.id"] = "a1b2"
        logger.info("Request", metadata: ["http.status": "204"])
        logger.trace("not written: below the level")
        let written = lines.all
        try #require(written.count == 1)
        #expect(written[0].hasSuffix("}\n"))
        #expect(written[0].dropLast().contains("\n") == false)
        let fields = try object(written[0])
        #expect(fields["level"] as? String == "info")
        #expect(fields["label"] as? String == "sceau-platform")
        #expect(fields["message"] as? String == "Request")
        #expect(fields["node"] as? String == "web-1:42")
        #expect(fields["hb.request.id"] as? String == "a1b2")
        #expect(fields["http.status"] as? String == "204")
        let time = try #require(fields["time"] as? String)
        #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
    }

    @Test func quotesBackslashesAndControlCharactersAreEscaped() throws {
        let lines = Lines()
        let nasty = "say \"hi\"\\ then\nfake line\r\t\u{01}\u{1F}\u{7F} é \u{2028}end"
        logger(lines).error("\(nasty)", metadata: ["key \"q\"\n": .string(nasty)])
        let written = try #require(lines.all.first)
        #expect(written.dropLast().contains("\n") == false)
        #expect(written.contains("\\u0001"))
        let fields = try object(written)
        #expect(fields["message"] as? String == nasty)
        #expect(fields["key \"q\"\n"] as? String == nasty)
        #expect(fields["level"] as? String == "error")
    }

    @Test func metadataIsFlattened() throws {
        let lines = Lines()
        logger(lines).notice(
            "Flat",
            metadata: [
                "deposit": ["id": "7", "file": ["chunk": "3"]], "files": ["a", "b"], "message": "hidden?",
                "empty": [:],
            ])
        let fields = try object(try #require(lines.all.first))
        #expect(fields["deposit.id"] as? String == "7")
        #expect(fields["deposit.file.chunk"] as? String == "3")
        #expect(fields["files"] as? [String] == ["a", "b"])
        #expect(fields["message"] as? String == "Flat")
        #expect(fields["metadata.message"] as? String == "hidden?")
        #expect((fields["empty"] as? [String: Any])?.isEmpty == true)
        #expect(fields["deposit"] == nil)
    }

    @Test func timesAreUTCWithMilliseconds() {
        #expect(JSONLogHandler.iso8601(seconds: 0, milliseconds: 5) == "1970-01-01T00:00:00.005Z")
        #expect(JSONLogHandler.iso8601(seconds: 1_796_749_509, milliseconds: 123) == "2026-12-08T17:05:09.123Z")
    }
}
