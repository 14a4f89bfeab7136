import Foundation

/// Adds validation data to a PDF in a Document Security Store (/DSS: ETSI EN 319 142-1 §5.4.2,
/// ISO 32000-2 §12.8.4.3), by an incremental update that leaves earlier signatures valid: the
/// material of PAdES-B-LT. Entries already in the store are kept; the caller supplies DER bytes
/// (certificates, CRLs, OCSP responses), this target knowing nothing of their content.
public enum PDFDocumentSecurityStore {
    /// Writes `input` plus a DSS holding `certificates`, `crls` and `ocspResponses` to `output`
    /// (through a temporary file renamed only when complete).
    public static func append(
        input: URL, output: URL, certificates: [[UInt8]], crls: [[UInt8]] = [], ocspResponses: [[UInt8]] = []
    ) throws {
        let document = try PDFDocument(url: input)
        let file = try PDFPartialFile(destination: output)
        do {
            let update = try PDFIncrementalUpdate(document: document, file: file)
            var catalog = try document.catalog()
            let storeReference = catalog["DSS"]?.referenceValue
            var store = try document.resolve(catalog["DSS"]).dictionaryValue ?? PDFDictionary([("Type", .name("DSS"))])
            for (key, blobs) in [("Certs", certificates), ("CRLs", crls), ("OCSPs", ocspResponses)] where !blobs.isEmpty
            {
                var items = try document.resolve(store[key]).arrayValue ?? []
                var seen: [[UInt8]] = []
                for blob in blobs where !seen.contains(blob) {
                    seen.append(blob)
                    let reference = update.allocate()
                    try update.writeStream(reference, blob)
                    items.append(.reference(reference))
                }
                store[key] = .array(items)
            }
            if let storeReference {
                try update.write(storeReference, .dictionary(store))
            } else {
                let reference = update.allocate()
                try update.write(reference, .dictionary(store))
                catalog["DSS"] = .reference(reference)
                try update.write(document.rootReference, .dictionary(catalog))
            }
            try update.finish()
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }
}
