import CoreXML
import Testing

/// Hardened parsing of signature documents: DOCTYPE, entities, size and malformed XML are refused.
@Suite struct ParsedXMLDocumentTests {
    @Test func aPlainDocumentParses() throws {
        let xml = #"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="s"/>"#
        _ = try ParsedXMLDocument.parse(Array(xml.utf8))
    }

    @Test(arguments: [
        #"<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>"#,
        #"<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>"#,
        #"<?xml version="1.0"?><!DOCTYPE r><r/>"#,
    ])
    func aDoctypeOrEntityIsRefused(xml: String) {
        #expect(throws: XMLSignatureError.doctypeRefused) { try ParsedXMLDocument.parse(Array(xml.utf8)) }
    }

    @Test func anOversizedDocumentIsRefused() {
        let bytes =
            Array("<r>".utf8) + [UInt8](repeating: 0x61, count: ParsedXMLDocument.maximumSize) + Array("</r>".utf8)
        #expect(throws: XMLSignatureError.tooLarge(size: bytes.count, limit: ParsedXMLDocument.maximumSize)) {
            try ParsedXMLDocument.parse(bytes)
        }
    }

    @Test func malformedXMLSaysSo() {
        do {
            _ = try ParsedXMLDocument.parse(Array("<r><a></r>".utf8))
            Issue.record("malformed XML was accepted")
        } catch {
            guard case .unsafeOrMalformed(let detail) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(detail.contains("line 1"))
        }
    }
}
