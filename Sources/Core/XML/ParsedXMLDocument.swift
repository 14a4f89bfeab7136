import CLibXML2

/// A libxml2 document parsed with the hardened options of ``ParsedXMLDocument/parse(_:)``; freed on deinit.
public final class ParsedXMLDocument {
    /// The largest signature document accepted: 10 MB.
    public static let maximumSize = 10_000_000

    let pointer: xmlDocPtr

    private init(pointer: xmlDocPtr) {
        self.pointer = pointer
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses a signature document without network access, entity substitution, DTD loading or validation.
    ///
    /// Documents with a DOCTYPE (internal or external subset) or entity declarations are refused,
    /// as are documents over ``maximumSize`` bytes.
    /// - Throws: ``XMLSignatureError/doctypeRefused``, ``XMLSignatureError/tooLarge(size:limit:)``
    ///   or ``XMLSignatureError/unsafeOrMalformed(_:)``.
    public static func parse(_ bytes: [UInt8]) throws(XMLSignatureError) -> ParsedXMLDocument {
        guard bytes.count <= maximumSize else {
            throw .tooLarge(size: bytes.count, limit: maximumSize)
        }
        if contains(bytes, "<!DOCTYPE") || contains(bytes, "<!ENTITY") {
            throw .doctypeRefused
        }
        LibXML.ensureInitialised()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlResetLastError()
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), "signature.xml", nil, options)
            }
        }
        guard let parsed else {
            throw .unsafeOrMalformed(lastErrorMessage())
        }
        let document = ParsedXMLDocument(pointer: parsed)
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            throw .doctypeRefused
        }
        guard xmlDocGetRootElement(parsed) != nil else {
            throw .unsafeOrMalformed("the document has no root element")
        }
        return document
    }

    private static func contains(_ bytes: [UInt8], _ marker: String) -> Bool {
        let needle = Array(marker.utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    private static func lastErrorMessage() -> String {
        guard let error = xmlGetLastError(), let message = error.pointee.message else {
            return "the XML is not well-formed"
        }
        let text = String(String(cString: message).filter { $0 != "\n" })
        return "line \(error.pointee.line): \(text)"
    }
}
