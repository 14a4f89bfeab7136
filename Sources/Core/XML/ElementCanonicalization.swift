import CLibXML2

extension ParsedXMLDocument {
    /// The canonical form of an element's subtree, taken inside its document (namespaces in context).
    ///
    /// The node set is `(.//. | .//@* | .//namespace::*)` evaluated from the element, as XML-DSig
    /// same-document references define it.
    func canonicalForm(of element: xmlNodePtr, method: CanonicalizationMethod) throws(XMLSignatureError) -> [UInt8] {
        guard let context = xmlXPathNewContext(pointer) else {
            throw .unsafeOrMalformed("libxml2 could not create an XPath context")
        }
        defer { xmlXPathFreeContext(context) }
        context.pointee.node = element
        guard let nodes = xmlXPathEvalExpression("(.//. | .//@* | .//namespace::*)", context) else {
            throw .unsafeOrMalformed("libxml2 could not select the element to canonicalize")
        }
        defer { xmlXPathFreeObject(nodes) }
        let mode = Int32(method.isExclusive ? XML_C14N_EXCLUSIVE_1_0.rawValue : XML_C14N_1_0.rawValue)
        var output: UnsafeMutablePointer<xmlChar>?
        let length = xmlC14NDocDumpMemory(
            pointer, nodes.pointee.nodesetval, mode, nil, method.keepsComments ? 1 : 0, &output)
        guard length >= 0, let output else {
            throw .unsafeOrMalformed("libxml2 could not canonicalize the element")
        }
        defer { LibXML.free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// The canonical form of the root element's subtree.
    /// - Throws: ``XMLSignatureError/unsafeOrMalformed(_:)`` if libxml2 cannot canonicalize the document.
    public func canonicalFormOfRoot(method: CanonicalizationMethod) throws(XMLSignatureError) -> [UInt8] {
        guard let root = xmlDocGetRootElement(pointer) else {
            throw .unsafeOrMalformed("the document has no root element")
        }
        return try canonicalForm(of: root, method: method)
    }

    /// The canonical form of the first element, in document order, whose attribute `Id` has the given value.
    /// - Throws: ``XMLSignatureError/unsafeOrMalformed(_:)`` if no element has this Id.
    public func canonicalFormOfElement(withId id: String, method: CanonicalizationMethod) throws(XMLSignatureError)
        -> [UInt8]
    {
        guard let element = firstElement(withId: id, from: xmlDocGetRootElement(pointer)) else {
            throw .unsafeOrMalformed("no element has the Id \(id)")
        }
        return try canonicalForm(of: element, method: method)
    }

    private func firstElement(withId id: String, from start: xmlNodePtr?) -> xmlNodePtr? {
        var node = start
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                if let value = xmlGetNoNsProp(current, "Id") {
                    let matches = String(cString: value) == id
                    LibXML.free(value)
                    if matches { return current }
                }
                if let found = firstElement(withId: id, from: current.pointee.children) { return found }
            }
            node = current.pointee.next
        }
        return nil
    }
}
