import CLibXML2

/// A read-only view of one element of a ``ParsedXMLDocument``: its name, namespace, attributes, text and
/// child elements. Valid while the document lives (the view keeps it alive).
public struct XMLElementView {
    let document: ParsedXMLDocument
    let node: xmlNodePtr

    /// The root element.
    init?(rootOf document: ParsedXMLDocument) {
        guard let root = xmlDocGetRootElement(document.pointer) else { return nil }
        self.document = document
        self.node = root
    }

    init(document: ParsedXMLDocument, node: xmlNodePtr) {
        self.document = document
        self.node = node
    }

    /// The local name.
    public var name: String { String(cString: node.pointee.name) }

    /// The namespace URI, if any.
    public var namespace: String? { node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } }

    /// Whether this element is `{namespace}name`.
    public func isElement(_ name: String, in namespace: String) -> Bool {
        self.name == name && self.namespace == namespace
    }

    /// The value of an attribute without namespace.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { LibXML.free(value) }
        return String(cString: value)
    }

    /// The concatenated text content.
    public var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { LibXML.free(content) }
        return String(cString: content)
    }

    /// The child elements, in order.
    public var children: [XMLElementView] {
        var result: [XMLElementView] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.append(XMLElementView(document: document, node: current))
            }
            child = current.pointee.next
        }
        return result
    }

    /// The child elements `{namespace}name`.
    public func children(_ name: String, in namespace: String) -> [XMLElementView] {
        children.filter { $0.isElement(name, in: namespace) }
    }

    /// The only child `{namespace}name`, nil when absent or repeated.
    public func child(_ name: String, in namespace: String) -> XMLElementView? {
        let found = children(name, in: namespace)
        return found.count == 1 ? found[0] : nil
    }

    /// Every element of the subtree (this one included), in document order.
    public var descendants: [XMLElementView] {
        [self] + children.flatMap(\.descendants)
    }

    /// The canonical form of this element's subtree in its document.
    public func canonicalForm(_ method: CanonicalizationMethod) throws(XMLSignatureError) -> [UInt8] {
        try document.canonicalForm(of: node, method: method)
    }

    /// Whether two views designate the same node.
    public func isSameNode(as other: XMLElementView) -> Bool { node == other.node }
}

extension ParsedXMLDocument {
    /// The root element.
    public var root: XMLElementView? { XMLElementView(rootOf: self) }
}
