import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A deposited file's name: no control character nor bidirectional override (a name reading "offre.pdf"
/// that is really "offre\u{202E}fdp.exe").
struct DepositFileNameTests {
    static func check(_ name: String) throws -> String {
        var consultation = try Consultation.sample()
        consultation.modalities.envelopes = [.offer]
        return try DepositPolicy.checkFile(
            name: name, size: 10, sha256: String(repeating: "a", count: 64), envelope: .offer, of: consultation)
    }

    @Test func anOrdinaryNameIsKept() throws {
        #expect(try Self.check(" Mémoire technique (v2).pdf ") == "Mémoire technique (v2).pdf")
    }

    @Test(arguments: [
        "offre\u{202E}fdp.exe", "offre\u{202A}.pdf", "offre\u{2066}.pdf", "offre\u{2069}.pdf", "offre\u{1B}[31m.pdf",
        "offre\n.pdf", "offre\t.pdf", "offre\u{7F}.pdf", "offre\u{85}.pdf", "offre\u{9F}.pdf",
    ])
    func controlsAndBidirectionalOverridesAreRefusedInFrench(name: String) throws {
        do {
            _ = try Self.check(name)
            Issue.record("\(name.unicodeScalars.map { String($0.value, radix: 16) }) was accepted")
        } catch let error as DomainError {
            #expect(error.description.contains("caractère de contrôle"))
        }
    }
}
