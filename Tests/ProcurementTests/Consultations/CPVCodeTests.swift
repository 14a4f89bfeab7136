import Foundation
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// CPV format and its consistency with the main category (seed 003).
struct CPVCodeTests {
    @Test func parsesWithOrWithoutCheckDigit() throws {
        let full = try CPVCode("45210000-2")
        #expect(full.digits == "45210000")
        #expect(full.checkDigit == 2)
        #expect(full.division == 45)
        #expect(full.description == "45210000-2")
        let bare = try CPVCode(" 03113100 ")
        #expect(bare.checkDigit == nil)
        #expect(bare.division == 3)
        #expect(bare.description == "03113100")
    }

    @Test(arguments: ["4521000", "452100000", "45210000-", "45210000-12", "4521000A-2", "45210000_2", "", "45-210000"])
    func refusesMalformedCodes(code: String) {
        #expect(throws: DomainError.self) { try CPVCode(code) }
    }

    /// Each division at the edges of the seed's ranges, against each category.
    @Test(
        arguments: [
            (2, nil), (3, ProcurementCategory.supplies), (44, .supplies), (45, .works), (46, nil), (47, nil),
            (48, .supplies), (49, .services), (98, .services), (99, nil),
        ] as [(Int, ProcurementCategory?)])
    func divisionMatchesExactlyOneCategoryOrNone(division: Int, expected: ProcurementCategory?) throws {
        let code = try CPVCode((division < 10 ? "0" : "") + "\(division)000000")
        for category in ProcurementCategory.allCases {
            if category == expected {
                try code.validate(for: category)
            } else {
                #expect(throws: DomainError.self, "\(code) for \(category)") { try code.validate(for: category) }
            }
        }
    }

    @Test func theRefusalExplainsTheAllowedRange() {
        #expect(
            throws: DomainError.invalidField(
                field: "code CPV",
                reason:
                    "Le code CPV 30200000-1 n'est pas cohérent avec la catégorie « Travaux » : choisissez un code de la forme 45XXXXXX."
            )
        ) { try CPVCode("30200000-1").validate(for: .works) }
    }
}
