extension PDFDocument {
    /// The /Info dictionary's reference, when the trailer has one.
    public var infoReference: PDFReference? { trailer["Info"]?.referenceValue }

    /// The two parts of the trailer's /ID, when present.
    public var identifiers: [[UInt8]]? {
        trailer["ID"]?.arrayValue?.compactMap(\.stringBytes).nilIfEmpty
    }

    /// The trailer's /Size: one more than the highest object number in use.
    public var size: Int { trailer["Size"]?.integerValue ?? 0 }

    /// The document catalog (/Root).
    public func catalog() throws -> PDFDictionary {
        guard let catalog = try object(rootReference).dictionaryValue else {
            throw PDFError.malformed("the document catalog \(rootReference) is not a dictionary")
        }
        return catalog
    }

    /// The number of pages (/Count of the page tree's root).
    public func pageCount() throws -> Int {
        let pages = try resolve(try catalog()["Pages"]).dictionaryValue
        return pages?["Count"]?.integerValue ?? 0
    }

    /// The first page of the page tree: its reference and dictionary.
    public func firstPage() throws -> (reference: PDFReference, dictionary: PDFDictionary) {
        guard var reference = try catalog()["Pages"]?.referenceValue else {
            throw PDFError.malformed("the document has no page tree")
        }
        var visited: Set<PDFReference> = []
        while visited.insert(reference).inserted {
            guard let node = try object(reference).dictionaryValue else { break }
            if node["Type"]?.nameValue == "Page" { return (reference, node) }
            guard let kids = try resolve(node["Kids"]).arrayValue else {
                if node["Type"] == nil { return (reference, node) }
                break
            }
            guard let first = kids.first?.referenceValue else { break }
            reference = first
        }
        throw PDFError.malformed("the document has no pages")
    }

    /// The interactive form dictionary (/AcroForm), direct or indirect, when present.
    public func acroForm() throws -> PDFDictionary? {
        try resolve(try catalog()["AcroForm"]).dictionaryValue
    }

    /// The DocMDP permissions of a certified document (1: no changes, 2: form filling and signing,
    /// 3: also annotations), `nil` when it is not certified (ISO 32000-1 §12.8.2.2).
    public func certificationPermissions() throws -> Int? {
        let permissions = try resolve(try catalog()["Perms"]).dictionaryValue
        guard let signature = try resolve(permissions?["DocMDP"]).dictionaryValue else { return nil }
        for item in try resolve(signature["Reference"]).arrayValue ?? [] {
            guard let reference = try resolve(item).dictionaryValue,
                reference["TransformMethod"]?.nameValue == "DocMDP"
            else { continue }
            return try resolve(reference["TransformParams"]).dictionaryValue?["P"]?.integerValue ?? 2
        }
        return 2
    }

    /// Every terminal field of the form, with fully qualified names (ISO 32000-1 §12.7.3.2).
    public func fields() throws -> [PDFField] {
        guard let form = try acroForm(), let roots = try resolve(form["Fields"]).arrayValue else { return [] }
        var result: [PDFField] = []
        var visited: Set<PDFReference> = []
        func visit(_ item: PDFObject, parentName: String?, inheritedType: String?, depth: Int) throws {
            guard depth < 64 else { return }
            if let reference = item.referenceValue, !visited.insert(reference).inserted { return }
            guard let node = try resolve(item).dictionaryValue else { return }
            let partial = node["T"]?.textValue
            let name = [parentName, partial].compactMap { $0 }.joined(separator: ".")
            let type = node["FT"]?.nameValue ?? inheritedType
            let kids = try resolve(node["Kids"]).arrayValue ?? []
            var namedKids: [PDFObject] = []
            for kid in kids where try resolve(kid).dictionaryValue?["T"] != nil { namedKids.append(kid) }
            if namedKids.isEmpty {
                result.append(PDFField(name: name, reference: item.referenceValue, type: type, dictionary: node))
            } else {
                for kid in namedKids {
                    try visit(kid, parentName: name.isEmpty ? nil : name, inheritedType: type, depth: depth + 1)
                }
            }
        }
        for root in roots { try visit(root, parentName: nil, inheritedType: nil, depth: 0) }
        return result
    }
}

extension Array {
    fileprivate var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
