import CoreXML
import Foundation
import FuzzDriver

// The XAdES / XML-DSig verifier on any signature document: hardened parsing (libxml2), reference resolution,
// transforms, canonicalisation, the signing-certificate binding and the time-stamp; without content, or with a small
// content file as `sceau-assistant verify --content` gives it.

private let content: URL = {
    let url = URL(
        fileURLWithPath: (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
            + "/sceau-fuzz-xades-\(getpid()).txt")
    try? Data("Offre de prix\n".utf8).write(to: url)
    return url
}()

@main enum FuzzXAdES {
    static func main() { LibFuzzer.run(fuzzXAdES) }
}

func fuzzXAdES(_ bytes: [UInt8]) {
    // Half the inputs with the content, half without (by the length's parity): one verification per input.
    _ = XAdESVerifier.verify(bytes, location: nil, content: bytes.count % 2 == 0 ? content : nil)
}
