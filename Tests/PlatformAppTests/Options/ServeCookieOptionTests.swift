import ArgumentParser
import PlatformTestSupport
import Testing

@testable import Platform
@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// `serve --cookies secure|insecure`: the `Secure` flag of the cookies, whatever the address listened on.
struct ServeCookieOptionTests {
    static func configuration(_ arguments: [String]) throws -> PlatformConfiguration {
        let command = try ServeCommand.parse(arguments)
        var configuration = PlatformConfiguration(
            host: command.host, database: .sqlite(path: "/nonexistent/sceau.sqlite"))
        configuration.cookies = command.cookies
        return configuration
    }

    @Test func aLoopbackPlatformBehindATLSProxyKeepsSecureCookies() throws {
        #expect(try Self.configuration(["--host", "127.0.0.1", "--cookies", "secure"]).secureCookies)
        #expect(try Self.configuration(["--host", "::1", "--cookies", "secure"]).secureCookies)
    }

    @Test func insecureIsAChoice() throws {
        #expect(try !Self.configuration(["--host", "0.0.0.0", "--cookies", "insecure"]).secureCookies)
    }

    @Test func theDefaultIsSecureExceptForTheLoopbackDemo() throws {
        #expect(try !Self.configuration([]).secureCookies)
        #expect(try !Self.configuration(["--host", "localhost"]).secureCookies)
        #expect(try Self.configuration(["--host", "0.0.0.0"]).secureCookies)
        #expect(try Self.configuration(["--host", "sceau.example.fr"]).secureCookies)
    }

    @Test func anUnknownValueIsRefused() {
        #expect(throws: (any Error).self) { _ = try ServeCommand.parse(["--cookies", "maybe"]) }
    }
}
