import Foundation

/// Prepares a PDF for a PAdES signature (ETSI EN 319 142-1, ISO 32000-1 §12.8) by an incremental
/// update: the original bytes are copied unchanged, then a signature dictionary with a zero-filled
/// /Contents, a signature field merged with its widget on the first page, the updated page (or
/// /Annots array), form and catalog, and a new cross-reference section (table or stream, as the
/// document uses) are appended. The caller digests ``signedBytes(_:)``, builds the CMS, calls
/// ``embed(signature:)`` and ``commit()``; until then the output lives under a temporary name and
/// is removed if the preparation is abandoned or released.
public final class PDFSignaturePreparation {
    /// The new signature field's fully qualified name.
    public let fieldName: String
    /// The /ByteRange written: `[0, a, b, c]`, the gap `a..<b` holding the /Contents hex string.
    public let byteRange: [Int]
    /// Bytes reserved for the signature in /Contents.
    public let reservedSize: Int
    private let file: PDFPartialFile
    private var signatureEmbedded = false

    /// Writes the prepared document next to `output`; throws ``PDFError/encrypted`` for an encrypted
    /// input, ``PDFError/certifiedWithoutChanges`` for a document certified against any change and
    /// ``PDFError/fieldNameTaken(_:)`` when `options.fieldName` is already a field, unless it is an
    /// unsigned signature field: that one is then signed in place.
    public init(input: URL, output: URL, options: PDFSignatureOptions = PDFSignatureOptions()) throws {
        guard options.reservedSize > 0, options.reservedSize <= 1 << 20 else {
            throw PDFError.invalidState("reserved signature size \(options.reservedSize) is not between 1 and 1 MiB")
        }
        let document = try PDFDocument(url: input)
        if try document.certificationPermissions() == 1 { throw PDFError.certifiedWithoutChanges }
        let fields = try document.fields()
        let existing = Set(fields.map(\.name))
        // An empty signature field of that name is signed in place; any other field of that name is taken.
        let emptyField = fields.first {
            $0.name == options.fieldName && $0.type == "Sig" && $0.dictionary["V"] == nil && $0.reference != nil
        }
        if let requested = options.fieldName, existing.contains(requested), emptyField == nil {
            throw PDFError.fieldNameTaken(requested)
        }
        fieldName =
            options.fieldName ?? (1...).lazy.map { "Signature\($0)" }.first { !existing.contains($0) }!
        reservedSize = options.reservedSize
        file = try PDFPartialFile(destination: output)
        do {
            byteRange = try Self.write(
                document: document, options: options, fieldName: fieldName, emptyField: emptyField, to: file)
        } catch {
            file.abandon()
            throw error
        }
    }

    /// Streams the bytes covered by /ByteRange (everything but the /Contents hex string), in chunks.
    public func signedBytes(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try file.read(byteRange[0]..<byteRange[1], body)
        try file.read(byteRange[2]..<(byteRange[2] + byteRange[3]), body)
    }

    /// Writes the DER-encoded CMS `signature` into /Contents, padded with zeros.
    public func embed(signature: [UInt8]) throws {
        guard signature.count <= reservedSize else {
            throw PDFError.signatureTooLarge(needed: signature.count, available: reservedSize)
        }
        let padding = [UInt8](repeating: UInt8(ascii: "0"), count: 2 * (reservedSize - signature.count))
        try file.overwrite(signature.flatMap(PDFSerializer.hexDigits) + padding, at: byteRange[1] + 1)
        signatureEmbedded = true
    }

    /// Flushes the signed document to disk and renames it to the output URL.
    public func commit() throws {
        guard signatureEmbedded else { throw PDFError.invalidState("no signature was embedded") }
        try file.commit()
    }

    /// Removes the unfinished output (also done when the preparation is released uncommitted).
    public func abandon() { file.abandon() }

    private static func write(
        document: PDFDocument, options: PDFSignatureOptions, fieldName: String, emptyField: PDFField?,
        to file: PDFPartialFile
    ) throws -> [Int] {
        let update = try PDFIncrementalUpdate(document: document, file: file)
        let signature = update.allocate()

        // The signature dictionary, its /ByteRange and /Contents at known offsets.
        let placeholder = "[0 0000000000 0000000000 0000000000]"
        let timestamp = options.kind == .documentTimestamp
        var head = "<<\n/Type /\(timestamp ? "DocTimeStamp" : "Sig")\n/Filter /Adobe.PPKLite\n"
        head += "/SubFilter /\(timestamp ? "ETSI.RFC3161" : "ETSI.CAdES.detached")\n/ByteRange "
        let byteRangeStart = head.utf8.count
        head += placeholder + "\n/Contents "
        let contentsStart = head.utf8.count
        var body = Array(head.utf8) + [UInt8(ascii: "<")]
        body += [UInt8](repeating: UInt8(ascii: "0"), count: 2 * options.reservedSize) + [UInt8(ascii: ">")]
        if !timestamp {
            body += Array("\n/M ".utf8) + PDFSerializer.literalString(Array(PDFDate.string(options.signingTime).utf8))
            for (key, value) in [
                ("Name", options.signerName), ("Reason", options.reason), ("Location", options.location),
            ] {
                if let value { body += Array("\n/\(key) ".utf8) + PDFSerializer.literalString(PDFText.encode(value)) }
            }
        }
        body += Array("\n>>".utf8)
        let bodyOffset = try update.write(signature, body)
        let byteRangeOffset = bodyOffset + byteRangeStart
        let contentsOffset = bodyOffset + contentsStart

        var newFields: [PDFObject] = []
        if let emptyField, let reference = emptyField.reference {
            var dictionary = emptyField.dictionary
            dictionary["V"] = .reference(signature)
            try update.write(reference, .dictionary(dictionary))
        } else {
            let widget = update.allocate()
            try addWidget(widget, signature: signature, fieldName: fieldName, document: document, update: update)
            newFields.append(.reference(widget))
        }

        // The form: its fields plus the new one, /SigFlags SignaturesExist | AppendOnly.
        var catalog = try document.catalog()
        let formReference = catalog["AcroForm"]?.referenceValue
        var form = try document.resolve(catalog["AcroForm"]).dictionaryValue ?? PDFDictionary()
        let fields = try document.resolve(form["Fields"]).arrayValue ?? []
        form["Fields"] = .array(fields + newFields)
        form["SigFlags"] = .integer((form["SigFlags"]?.integerValue ?? 0) | 3)
        if let formReference {
            try update.write(formReference, .dictionary(form))
        } else {
            catalog["AcroForm"] = .dictionary(form)
            try update.write(document.rootReference, .dictionary(catalog))
        }

        try update.finish()
        let end = file.length
        let gapEnd = contentsOffset + 2 * options.reservedSize + 2
        let range = [0, contentsOffset, gapEnd, end - gapEnd]
        var filled = Array("[0 \(range[1]) \(range[2]) \(range[3])]".utf8)
        guard filled.count <= placeholder.utf8.count else { throw PDFError.malformed("file too large to sign") }
        filled += [UInt8](repeating: 0x20, count: placeholder.utf8.count - filled.count)
        try file.overwrite(filled, at: byteRangeOffset)
        return range
    }

    /// Writes a signature field merged with an invisible widget on the first page, and the page's
    /// updated /Annots (the page, or its indirect /Annots array, rewritten).
    private static func addWidget(
        _ widget: PDFReference, signature: PDFReference, fieldName: String, document: PDFDocument,
        update: PDFIncrementalUpdate
    ) throws {
        let page = try document.firstPage()
        let field = PDFDictionary([
            ("Type", .name("Annot")), ("Subtype", .name("Widget")), ("FT", .name("Sig")),
            ("T", .string(PDFText.encode(fieldName), hexadecimal: false)), ("V", .reference(signature)),
            ("Rect", .array([.integer(0), .integer(0), .integer(0), .integer(0)])), ("F", .integer(132)),
            ("P", .reference(page.reference)),
        ])
        try update.write(widget, .dictionary(field))

        // The first page's annotations.
        var pageDictionary = page.dictionary
        switch pageDictionary["Annots"] {
        case .reference(let annotations)?:
            let items = try document.resolve(.reference(annotations)).arrayValue ?? []
            try update.write(annotations, .array(items + [.reference(widget)]))
        case .array(let items)?:
            pageDictionary["Annots"] = .array(items + [.reference(widget)])
            try update.write(page.reference, .dictionary(pageDictionary))
        default:
            pageDictionary["Annots"] = .array([.reference(widget)])
            try update.write(page.reference, .dictionary(pageDictionary))
        }
    }
}
