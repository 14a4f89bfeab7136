import Foundation
import Testing

@testable import CorePDF

/// The object syntax of ISO 32000-1 §7.3: names, strings, numbers, references, nesting.
struct PDFParserTests {
    private func parse(_ text: String) throws -> PDFObject {
        try PDFParser(source: PDFByteSource(bytes: Array(text.utf8)), position: 0).parseObject()
    }

    @Test func namesDecodeTheirEscapes() throws {
        #expect(try parse("/A#20B#23") == .name("A B#"))
        #expect(PDFSerializer.name("A B#") == Array("/A#20B#23".utf8))
    }

    @Test func literalStringsNestAndEscape() throws {
        #expect(
            try parse("(a (b) c\\) \\\\ \\n \\101\\7)")
                == .string(Array("a (b) c) \\ \n A\u{7}".utf8), hexadecimal: false))
        #expect(try parse("(line\\\ncontinued)") == .string(Array("linecontinued".utf8), hexadecimal: false))
        let bytes: [UInt8] = [0x28, 0x29, 0x5C, 0x00, 0xFF, 0x41]
        let written = String(decoding: PDFSerializer.literalString(bytes), as: UTF8.self)
        #expect(try parse(written) == .string(bytes, hexadecimal: false))
    }

    @Test func hexStringsIgnoreSpacesAndPadOddDigits() throws {
        #expect(try parse("<41 42\n4>") == .string([0x41, 0x42, 0x40], hexadecimal: true))
    }

    @Test func numbersReferencesArraysAndDictionaries() throws {
        let object = try parse("<< /A 12 0 R /B [1 -2 +3.5 .25 -.5 true null] /C << /D (x) >> /E null >>")
        let dictionary = try #require(object.dictionaryValue)
        #expect(dictionary["A"] == .reference(PDFReference(number: 12, generation: 0)))
        #expect(
            dictionary["B"]
                == .array([.integer(1), .integer(-2), .real("+3.5"), .real(".25"), .real("-.5"), .boolean(true), .null])
        )
        #expect(dictionary["C"]?.dictionaryValue?["D"]?.textValue == "x")
        #expect(dictionary["E"] == nil)
        #expect(dictionary.keys == ["A", "B", "C"])
    }

    @Test func damagedSyntaxIsMalformed() {
        for text in ["<< /A 1", "(unterminated", "<4G>", "[1 2", "<< 1 2 >>"] {
            #expect(throws: PDFError.self, "\(text)") { try parse(text) }
        }
    }

    @Test func textStringsDecodeUTF16() {
        #expect(PDFText.decode(PDFText.encode("Événement")) == "Événement")
        #expect(PDFText.encode("Plain") == Array("Plain".utf8))
    }

    @Test func derContentsAreTrimmedByTheirLength() {
        #expect(PDFSignatureInfo.trimmed([0x30, 0x03, 1, 0, 0, 0, 0]) == [0x30, 0x03, 1, 0, 0])
        #expect(PDFSignatureInfo.trimmed([0x30, 0x81, 0x02, 0, 0, 0, 0]) == [0x30, 0x81, 0x02, 0, 0])
        #expect(PDFSignatureInfo.trimmed([0x30, 0x82, 0x00, 0x01, 0, 0]) == [0x30, 0x82, 0x00, 0x01, 0])
        // Indefinite lengths (BER, as `openssl cms -stream` writes) end at their end-of-contents marker.
        let indefinite: [UInt8] = [0x30, 0x80, 0xA0, 0x80, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00]
        #expect(PDFSignatureInfo.trimmed(indefinite + [0, 0, 0]) == indefinite)
        #expect(PDFSignatureInfo.trimmed([0x41, 0x42, 0, 0]) == [0x41, 0x42])
    }
}
