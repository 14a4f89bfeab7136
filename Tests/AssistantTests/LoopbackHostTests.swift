import Testing

@testable import Assistant

/// The Host check that stops DNS rebinding: only loopback names, with the daemon's port.
struct LoopbackHostTests {
    @Test(arguments: ["127.0.0.1:17420", "localhost:17420", "LOCALHOST:17420", "[::1]:17420"])
    func acceptsLoopbackWithOurPort(authority: String) {
        #expect(LoopbackHostMiddleware<BasicRequestContextStub>.isLoopback(authority, port: 17420))
    }

    @Test(arguments: [
        "evil.example:17420", "127.0.0.1.evil.example:17420", "127.0.0.1:80", "localhost", "[::1]", "[::1]x:17420",
        "[::1", "", "127.0.0.2:17420", "localhost:17420@evil.example",
    ])
    func refusesEverythingElse(authority: String) {
        #expect(!LoopbackHostMiddleware<BasicRequestContextStub>.isLoopback(authority, port: 17420))
    }

    @Test func anEphemeralPortAcceptsAnyPortButStillOnlyLoopback() {
        #expect(LoopbackHostMiddleware<BasicRequestContextStub>.isLoopback("localhost", port: 0))
        #expect(LoopbackHostMiddleware<BasicRequestContextStub>.isLoopback("127.0.0.1:5000", port: 0))
        #expect(!LoopbackHostMiddleware<BasicRequestContextStub>.isLoopback("evil.example", port: 0))
    }
}
