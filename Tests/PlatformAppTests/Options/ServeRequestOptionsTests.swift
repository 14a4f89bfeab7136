import ArgumentParser
import PlatformTestSupport
import Testing

@testable import Platform
@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// `serve`'s options of the requests: lock duration, quality of service, alerts' interval.
struct ServeRequestOptionsTests {
    static func configured(_ arguments: [String]) throws -> PlatformConfiguration {
        var configuration = PlatformConfiguration(database: .sqlite(path: "/nonexistent/sceau.sqlite"))
        try ServeCommand.parse(arguments).configureRequests(&configuration)
        return configuration
    }

    @Test func defaultsKeepTheCurrentValues() throws {
        let configuration = try Self.configured([])
        #expect(configuration.requests == RequestSettings())
        #expect(configuration.qualityAlertInterval == .seconds(3600))
    }

    @Test func optionsSetTheRequestsSettings() throws {
        let configuration = try Self.configured([
            "--request-lock-minutes", "45", "--qos-max-days", "15", "--qos-reminder-days", "5",
            "--qos-alert-interval", "600", "--draft-days", "20",
        ])
        #expect(configuration.requests.lockDuration == 45 * 60)
        #expect(configuration.requests.qualityOfService == QualityOfService(maximumDays: 15, reminderDays: 5))
        #expect(configuration.requests.draftLifetime == 20 * 86_400)
        #expect(configuration.qualityAlertInterval == .seconds(600))
    }

    @Test func inconsistentValuesAreRefused() throws {
        for arguments in [
            ["--qos-max-days", "5", "--qos-reminder-days", "5"], ["--qos-max-days", "0"],
            ["--request-lock-minutes", "0"], ["--qos-alert-interval", "0"],
        ] {
            #expect(throws: ValidationError.self, "\(arguments)") { _ = try Self.configured(arguments) }
        }
    }
}
