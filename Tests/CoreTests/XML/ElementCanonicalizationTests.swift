import CoreXML
import Testing

/// Canonicalization of an element inside its document: exclusive keeps only used namespaces, inclusive all.
@Suite struct ElementCanonicalizationTests {
    let document: ParsedXMLDocument

    init() throws {
        let xml = #"<r xmlns="urn:a" xmlns:x="urn:x" xmlns:u="urn:u"><x:e Id="t" b="2" a="1"><!--c--><x:f/></x:e></r>"#
        document = try ParsedXMLDocument.parse(Array(xml.utf8))
    }

    @Test(arguments: [
        (CanonicalizationMethod.exclusive, #"<x:e xmlns:x="urn:x" Id="t" a="1" b="2"><x:f></x:f></x:e>"#),
        (.exclusiveWithComments, #"<x:e xmlns:x="urn:x" Id="t" a="1" b="2"><!--c--><x:f></x:f></x:e>"#),
        (.inclusive, #"<x:e xmlns="urn:a" xmlns:u="urn:u" xmlns:x="urn:x" Id="t" a="1" b="2"><x:f></x:f></x:e>"#),
    ])
    func theSubtreeIsCanonicalizedInContext(method: CanonicalizationMethod, expected: String) throws {
        let canonical = try document.canonicalFormOfElement(withId: "t", method: method)
        #expect(String(decoding: canonical, as: UTF8.self) == expected)
    }

    @Test func anUnknownIdSaysSo() {
        #expect(throws: XMLSignatureError.unsafeOrMalformed("no element has the Id missing")) {
            try document.canonicalFormOfElement(withId: "missing", method: .exclusive)
        }
    }
}
