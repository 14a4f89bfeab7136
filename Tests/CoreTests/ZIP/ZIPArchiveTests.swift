import CoreZIP
import Crypto
import Foundation
import TestSupport
import Testing

/// The streamed ZIP writer read back by Python's `zipfile` (a reader we did not write) and by ours, and
/// hostile archives (made by Python, which writes what it is told) refused with the error that names them.
struct ZIPArchiveTests {
    let work: URL

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-zip-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// Runs a Python snippet with `sys.argv[1]` set to `path`.
    private func python(_ script: String, _ path: String) throws -> String {
        try run("/usr/bin/python3", ["-c", script, path])
    }

    @Test func whatWeWritePythonReadsEntryByEntry() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let source = work.appendingPathComponent("source.bin")
        let payload = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        try Data(payload).write(to: source)
        let archive = work.appendingPathComponent("a.zip")
        let writer = try ZIPWriter(creatingFileAt: archive)
        try writer.add(name: "mimetype", bytes: Array("text/plain".utf8))
        try writer.add(name: "dossier/réponse technique.bin", fileAt: source)
        try writer.add(name: "vide.txt", bytes: [])
        try writer.finish()

        let listing = try python(
            """
            import sys, zipfile, hashlib
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                print(i.filename, i.compress_type, len(i.extra), i.file_size, hashlib.sha256(z.read(i)).hexdigest())
            """, archive.path)
        let lines = listing.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("mimetype 0 0 10 ") == true)
        let digest = SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined()
        #expect(lines.contains("dossier/réponse technique.bin 0 0 3000000 \(digest)"))
        #expect(lines.last?.hasPrefix("vide.txt 0 0 0 ") == true)

        // Our reader streams it back with the same bytes, CRC-32 checked.
        let reader = try ZIPReader(fileAt: archive)
        #expect(reader.entries.map(\.name) == ["mimetype", "dossier/réponse technique.bin", "vide.txt"])
        var back: [UInt8] = []
        try reader.stream(reader.entries[1], chunkSize: 65_536) { back.append(contentsOf: $0) }
        #expect(back == payload)
    }

    @Test func theWriterRefusesUnsafeAndDuplicateNamesAndNeverOverwrites() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let archive = work.appendingPathComponent("a.zip")
        let writer = try ZIPWriter(creatingFileAt: archive)
        #expect(throws: ZIPArchiveError.unsafePath("../x")) { try writer.add(name: "../x", bytes: [1]) }
        #expect(throws: ZIPArchiveError.unsafePath("/etc/x")) { try writer.add(name: "/etc/x", bytes: [1]) }
        try writer.add(name: "é.txt", bytes: [1])
        // The same name decomposed (e + combining acute) is the same file on most file systems.
        #expect(throws: ZIPArchiveError.duplicateName("e\u{301}.txt")) {
            try writer.add(name: "e\u{301}.txt", bytes: [2])
        }
        try writer.finish()
        #expect(throws: ZIPArchiveError.self) { _ = try ZIPWriter(creatingFileAt: archive) }
    }

    @Test func deflatedEntriesArePythonsAndAreReadBack() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let archive = work.appendingPathComponent("deflated.zip")
        _ = try python(
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("texte.txt", "".join("ligne %d\\n" % i for i in range(100000)))
            """, archive.path)
        let reader = try ZIPReader(fileAt: archive)
        let entry = try #require(reader.entry(named: "texte.txt"))
        #expect(entry.method == 8)
        var text: [UInt8] = []
        try reader.stream(entry, chunkSize: 4096) { text.append(contentsOf: $0) }
        let expected = (0..<100_000).map { "ligne \($0)\n" }.joined()
        #expect(text == Array(expected.utf8))
    }

    @Test(arguments: [
        ("climbing", #"z.writestr("../outside.txt", "x")"#, ZIPArchiveError.unsafePath("../outside.txt")),
        ("absolute", #"z.writestr("/etc/passwd", "x")"#, ZIPArchiveError.unsafePath("/etc/passwd")),
        (
            "duplicate", #"z.writestr("a.txt", "x"); z.writestr("a.txt", "y")"#,
            ZIPArchiveError.duplicateName("a.txt")
        ),
        (
            "encrypted", #"z.writestr("secret.txt", "x")"#,
            ZIPArchiveError.encrypted("secret.txt")
        ),
        (
            "bomb", #"z.writestr("zeros.bin", bytes(50 * 1024 * 1024), zipfile.ZIP_DEFLATED)"#,
            ZIPArchiveError.expansion("zeros.bin")
        ),
    ])
    func hostileArchivesAreRefused(kind: String, statement: String, error: ZIPArchiveError) throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let archive = work.appendingPathComponent("\(kind).zip")
        _ = try python(
            """
            import sys, zipfile, warnings
            warnings.simplefilter("ignore")
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("mimetype", "application/vnd.etsi.asic-e+zip")
                \(statement)
            if "\(kind)" == "encrypted":  # zipfile writes no encrypted entry: set bit 0 of its flags
                data = bytearray(open(sys.argv[1], "rb").read())
                for signature, flags in ((b"PK\\x03\\x04", 6), (b"PK\\x01\\x02", 8)):
                    data[data.rfind(signature) + flags] |= 1
                open(sys.argv[1], "wb").write(data)
            """, archive.path)
        #expect(throws: error) { _ = try ZIPReader(fileAt: archive) }
        #expect(error.description.contains("refused") || error.description.contains("ask"), "says what to do")
    }

    @Test func aDamagedEntryIsCaughtByItsCRC() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let archive = work.appendingPathComponent("a.zip")
        let writer = try ZIPWriter(creatingFileAt: archive)
        try writer.add(name: "a.txt", bytes: Array(repeating: 0x41, count: 1000))
        try writer.finish()
        var bytes = try Data(contentsOf: archive)
        bytes[30 + 5 + 500] ^= 0x01  // inside a.txt's data
        try bytes.write(to: archive)
        let reader = try ZIPReader(fileAt: archive)
        #expect(throws: ZIPArchiveError.corrupted("a.txt")) {
            try reader.stream(reader.entries[0]) { _ in }
        }
    }
}
