import Foundation
import Testing

@testable import PlatformKernel
@testable import Procurement

/// Reads the test archives through the platform's reader.
enum ZIPCentralDirectoryReader {
    static func entries(_ bytes: [UInt8]) throws -> [ZIPEntry] { try ZIPCentralDirectory.entries(of: ZIPBytes(bytes)) }
}

/// The DCE's archive rules: the central directory read without the data, paths that leave the archive and absurd
/// expansion ratios refused, a partial download built from the chosen files only.
struct ZIPArchiveTests {
    static let dce = TestZIP.archive([
        ("RC.pdf", Array("règlement".utf8)), ("CCTP/lot 1.pdf", Array(repeating: 7, count: 300)),
        ("CCTP/", []), ("BPU.xlsx", Array("prix".utf8)),
    ])

    @Test func theCentralDirectoryListsEveryEntry() throws {
        let entries = try ZIPCentralDirectoryReader.entries(Self.dce)
        #expect(entries.map(\.name) == ["RC.pdf", "CCTP/lot 1.pdf", "CCTP/", "BPU.xlsx"])
        #expect(entries[1].uncompressedSize == 300)
        #expect(entries[2].isDirectory)
        // Bytes after the end record (some tools pad) are tolerated; an empty archive has no entry.
        #expect(try ZIPCentralDirectoryReader.entries(Self.dce + [0, 0]).count == 4)
        #expect(try ZIPCentralDirectoryReader.entries(TestZIP.archive([])).isEmpty)
        #expect(throws: ZIPError.self) { try ZIPCentralDirectoryReader.entries(Array("not a zip".utf8)) }
    }

    @Test(arguments: [
        "/etc/passwd", "\\Windows\\system.ini", "C:/boot.ini", "c:\\x", "../hors.pdf", "CCTP/../../hors.pdf",
        "CCTP\\..\\..\\hors.pdf", "..", "",
    ])
    func absoluteAndClimbingPathsAreRefused(path: String) throws {
        #expect(!ZIPArchivePolicy.isSafe(path: path))
        let archive = TestZIP.archive([("RC.pdf", [1]), (path, [2])])
        #expect(throws: ZIPError.self) { try ZIPArchivePolicy().check(try ZIPCentralDirectoryReader.entries(archive)) }
    }

    @Test(arguments: ["RC.pdf", "CCTP/lot 1.pdf", "a..b/c.pdf", "..cachés/x", "Pièces/DC1 .pdf"])
    func ordinaryPathsPass(path: String) {
        #expect(ZIPArchivePolicy.isSafe(path: path))
    }

    @Test func absurdExpansionIsRefused() throws {
        let policy = ZIPArchivePolicy()
        // 10 Mio from 10 Kio (1,000:1): a bomb.
        let bomb = ZIPEntry(name: "plans.dwg", method: 8, compressedSize: 10 << 10, uncompressedSize: 10 << 20)
        #expect(throws: ZIPError.expansion("plans.dwg")) { try policy.check([bomb]) }
        // Nothing at all compressed into 2 Mio.
        #expect(throws: ZIPError.self) {
            try policy.check([ZIPEntry(name: "vide", compressedSize: 0, uncompressedSize: 2 << 20)])
        }
        // Ordinary ratios, and a small blank file of high ratio, pass.
        try policy.check([
            ZIPEntry(name: "CCTP.pdf", method: 8, compressedSize: 1 << 20, uncompressedSize: 3 << 20),
            ZIPEntry(name: "vierge.txt", method: 8, compressedSize: 100, uncompressedSize: 500 << 10),
        ])
        // Too much once expanded, even at sane ratios.
        var small = ZIPArchivePolicy()
        small.maximumExpandedSize = 4 << 20
        #expect(throws: ZIPError.self) {
            try small.check([ZIPEntry(name: "a", compressedSize: 3 << 20, uncompressedSize: 5 << 20)])
        }
    }

    @Test func aPartialDownloadHoldsTheChosenFilesOnly() throws {
        let entries = try ZIPCentralDirectoryReader.entries(Self.dce)
        // The choices are numbers in the list of files (folders left out): 0 RC.pdf, 1 CCTP/lot 1.pdf, 2 BPU.xlsx.
        #expect(DCESelection.files(of: entries).map(\.name) == ["RC.pdf", "CCTP/lot 1.pdf", "BPU.xlsx"])
        let chosen = try DCESelection.entries(numbered: ["2", "1", "2"], in: entries)
        #expect(chosen.map(\.name) == ["CCTP/lot 1.pdf", "BPU.xlsx"])
        let subset = try ZIPSubset(entries: chosen, of: ZIPBytes(Self.dce))
        var bytes: [UInt8] = []
        for segment in subset.segments {
            switch segment {
            case .bytes(let piece): bytes += piece
            case .original(let range): bytes += Self.dce[Int(range.lowerBound)..<Int(range.upperBound)]
            }
        }
        #expect(Int64(bytes.count) == subset.size)
        let files = try TestZIP.files(of: bytes)
        #expect(files.keys.sorted() == ["BPU.xlsx", "CCTP/lot 1.pdf"])
        #expect(files["CCTP/lot 1.pdf"] == Array(repeating: 7, count: 300))
        let copied = try ZIPCentralDirectoryReader.entries(bytes)
        #expect(copied.map(\.crc32) == chosen.map(\.crc32))
        #expect(copied.allSatisfy { $0.flags & 0x0008 == 0 })
    }

    @Test func aSelectionMustNameFilesOfTheDCE() throws {
        let entries = try ZIPCentralDirectoryReader.entries(Self.dce)
        #expect(throws: DomainError.self) { try DCESelection.entries(numbered: [], in: entries) }
        #expect(throws: DomainError.self) { try DCESelection.entries(numbered: ["3"], in: entries) }
        #expect(throws: DomainError.self) { try DCESelection.entries(numbered: ["-1"], in: entries) }
        #expect(throws: DomainError.self) { try DCESelection.entries(numbered: ["../RC.pdf"], in: entries) }
    }

    @Test func uploadedNamesKeepTheirLastComponent() {
        #expect(ConsultationDocument.cleanName("C:\\Users\\x\\RC v2.pdf", fallback: "f") == "RC v2.pdf")
        #expect(ConsultationDocument.cleanName("../../etc/passwd", fallback: "f") == "passwd")
        #expect(ConsultationDocument.cleanName("..", fallback: "f") == "f")
        #expect(ConsultationDocument.cleanName(nil, fallback: "DCE.zip") == "DCE.zip")
        #expect(ConsultationDocument.cleanName("a\u{0}b\nc.pdf", fallback: "f") == "abc.pdf")
    }
}
