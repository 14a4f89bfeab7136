import CorePDF
import Foundation
import FuzzDriver

// The PDF reader on any bytes: opening (cross-reference tables and streams, /Prev chains, the rebuild by
// scanning), every object the cross-reference names (object streams, Flate), the structure and the signatures.
// PDFDocument reads files, so each input goes through a file in memory (/dev/shm).

private let url = URL(
    fileURLWithPath: (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        + "/sceau-fuzz-pdf-\(getpid()).pdf")

@main enum FuzzPDF {
    static func main() { LibFuzzer.run(fuzzPDF) }
}

func fuzzPDF(_ bytes: [UInt8]) {
    guard (try? Data(bytes).write(to: url)) != nil else { return }
    guard let document = try? PDFDocument(url: url) else { return }
    _ = try? document.pageCount()
    _ = try? document.firstPage()
    _ = try? document.fields()
    _ = try? document.acroForm()
    _ = try? document.certificationPermissions()
    _ = document.identifiers
    for (number, entry) in document.crossReference.sorted(by: { $0.key < $1.key }).prefix(64) {
        guard entry != .free, let object = try? document.object(PDFReference(number: number)) else { continue }
        if case .stream(let stream) = object { _ = try? document.decodedData(stream) }
    }
    for signature in (try? document.signatures()) ?? [] {
        try? document.signedBytes(of: signature) { _ in }
    }
}
