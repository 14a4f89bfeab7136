import CoreSignatures
import Foundation
import Testing

/// Output names as the seed shows them ("0-Lettre informative - 20201102144025 - Signature 1.pdf").
struct SignatureOutputNameTests {
    let time: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar.date(from: DateComponents(year: 2020, month: 11, day: 2, hour: 14, minute: 40, second: 25))!
    }()
    let folder = URL(fileURLWithPath: "/dossier/réponse")

    @Test func padesDropsThePDFExtension() {
        let name = SignatureOutputName.destination(
            for: folder.appendingPathComponent("0-Lettre informative.pdf"), format: .pades, at: time
        ) { _ in false }
        #expect(name.path == "/dossier/réponse/0-Lettre informative - 20201102144025 - Signature 1.pdf")
    }

    @Test func detachedFormatsKeepTheSourceExtension() {
        let source = folder.appendingPathComponent("COMPLEMENT.zip")
        let xades = SignatureOutputName.destination(for: source, format: .xades, at: time) { _ in false }
        let cades = SignatureOutputName.destination(for: source, format: .cades, at: time) { _ in false }
        #expect(xades.lastPathComponent == "COMPLEMENT.zip - 20201102144025 - Signature 1.xml")
        #expect(cades.lastPathComponent == "COMPLEMENT.zip - 20201102144025 - Signature 1.p7s")
    }

    @Test func neverOverwritesAndNumbersFromTheExistingSignatures() {
        let source = folder.appendingPathComponent("offre.pdf")
        let taken: Set<String> = ["offre - 20201102144025 - Signature 2.pdf"]
        let name = SignatureOutputName.destination(for: source, format: .pades, at: time, firstNumber: 2) {
            taken.contains($0.lastPathComponent)
        }
        #expect(name.lastPathComponent == "offre - 20201102144025 - Signature 3.pdf")
        let elsewhere = SignatureOutputName.destination(
            for: source, format: .cades, at: time, in: URL(fileURLWithPath: "/sortie")
        ) { _ in false }
        #expect(elsewhere.path == "/sortie/offre.pdf - 20201102144025 - Signature 1.p7s")
    }
}
