import Foundation
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Seed 003: 5 to 32 characters, letters, digits, "/", "_" or "-" (its own AOR-C-0611, TEST-2021-03), no spaces.
struct ConsultationReferenceTests {
    @Test(arguments: [
        "ABCDE", "2026/01", "AOO_2026_001", "marche_2026", String(repeating: "A", count: 32), "a/b_c",
        "AOR-C-0611", "AOR-O-0611", "TEST-2021-03", "A-B/C_D",
    ])
    func acceptsTheAllowedCharactersFrom5To32(reference: String) throws {
        #expect(try ConsultationReference(reference).value == reference)
    }

    @Test(arguments: [
        ("ABCD", "entre 5 et 32"),
        (String(repeating: "7", count: 33), "entre 5 et 32"),
        ("", "obligatoire"),
        ("AOO 2026", "les espaces"),
        ("ÉCOLE2026", "« É »"),
        ("ecole_é", "« é »"),
        ("AOR-C 0611", "les espaces"),
        ("AOR–0611", "« – »"),
        ("A-B-", "entre 5 et 32"),
        ("AOO.2026", "« . »"),
        ("２０２６０１", "« ２ »"),
    ])
    func refusesWithAReasonNamingTheProblem(reference: String, hint: String) {
        do {
            _ = try ConsultationReference(reference)
            Issue.record("\(reference) was accepted")
        } catch {
            guard case .invalidField(let field, let reason) = error else { return }
            #expect(field == "référence")
            #expect(reason.contains(hint), "\(reason)")
        }
    }

    @Test func uniquenessIgnoresCase() throws {
        #expect(try ConsultationReference("aoo_2026").key == ConsultationReference("AOO_2026").key)
        #expect(try ConsultationReference("aoo_2026") != ConsultationReference("AOO_2026"))
    }

    @Test func decodingChecksTheRule() throws {
        #expect(throws: DomainError.self) {
            try JSONDecoder().decode([ConsultationReference].self, from: Data(#"["AB CD E"]"#.utf8))
        }
        let decoded = try JSONDecoder().decode([ConsultationReference].self, from: Data(#"["AB_CD/E"]"#.utf8))
        #expect(decoded.map(\.value) == ["AB_CD/E"])
    }
}
