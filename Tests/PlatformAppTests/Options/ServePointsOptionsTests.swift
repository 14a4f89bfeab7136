import ArgumentParser
import PlatformTestSupport
import Testing

@testable import Platform
@testable import PlatformApp
@testable import PlatformKernel

/// `serve`'s points tariff: what a consultation put online costs its entity.
struct ServePointsOptionsTests {
    static func configured(_ arguments: [String]) throws -> PlatformConfiguration {
        var configuration = PlatformConfiguration(database: .sqlite(path: "/nonexistent/sceau.sqlite"))
        try ServeCommand.parse(arguments).configurePoints(&configuration)
        return configuration
    }

    @Test func theTariffDefaultsAndIsSetByTheOptions() throws {
        #expect(try Self.configured([]).pointsTariff == PointsTariff(adapted: 1, formalised: 2))
        #expect(
            try Self.configured(["--points-per-mapa", "0", "--points-per-formal-procedure", "7"]).pointsTariff
                == PointsTariff(adapted: 0, formalised: 7))
    }

    @Test func aNegativeCostIsRefused() {
        #expect(throws: (any Error).self) { try Self.configured(["--points-per-mapa", "-1"]) }
    }
}
