import HTTPTypes
import Testing

@testable import PlatformKernel

/// Who may read `/metrics`: loopback peers by default, `--metrics-allow` networks besides, never through a proxy.
struct MetricsAccessTests {
    @Test func loopbackPeersOnlyByDefault() {
        let access = MetricsAccess()
        #expect(access.permits(remoteAddress: "127.0.0.1", headers: [:]))
        #expect(access.permits(remoteAddress: "127.3.4.5", headers: [:]))
        #expect(access.permits(remoteAddress: "::1", headers: [:]))
        #expect(access.permits(remoteAddress: "::ffff:127.0.0.1", headers: [:]))
        #expect(!access.permits(remoteAddress: "10.1.2.3", headers: [:]))
        #expect(!access.permits(remoteAddress: "203.0.113.7", headers: [:]))
        #expect(!access.permits(remoteAddress: "2001:db8::1", headers: [:]))
        #expect(!access.permits(remoteAddress: nil, headers: [:]))
        #expect(!access.permits(remoteAddress: "not an address", headers: [:]))
    }

    @Test func allowedNetworksAreAddedToLoopback() throws {
        let access = MetricsAccess(allowed: [
            try #require(NetworkRange("10.0.0.0/8")), try #require(NetworkRange("2001:db8::/32")),
        ])
        #expect(access.permits(remoteAddress: "10.200.0.9", headers: [:]))
        #expect(access.permits(remoteAddress: "2001:db8:1::5", headers: [:]))
        #expect(access.permits(remoteAddress: "127.0.0.1", headers: [:]))
        #expect(!access.permits(remoteAddress: "11.0.0.1", headers: [:]))
        #expect(!access.permits(remoteAddress: "2001:db9::1", headers: [:]))
    }

    @Test func aProxiedRequestIsRefusedWhateverThePeer() {
        let access = MetricsAccess()
        for name in ["X-Forwarded-For", "Forwarded", "X-Real-IP"] {
            let headers: HTTPFields = [HTTPField.Name(name)!: "127.0.0.1"]
            #expect(!access.permits(remoteAddress: "127.0.0.1", headers: headers), "\(name)")
        }
    }

    @Test func networksParseStrictly() throws {
        #expect(NetworkRange("10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(NetworkRange("192.168.1.7")?.description == "192.168.1.7/32")
        #expect(NetworkRange("2001:db8::1/32")?.description == "2001:db8::/32")
        #expect(NetworkRange("10.0.0.0/33") == nil)
        #expect(NetworkRange("::/129") == nil)
        #expect(NetworkRange("10.0.0.0/-1") == nil)
        #expect(NetworkRange("example.org/8") == nil)
        #expect(NetworkRange("") == nil)
        let odd = try #require(NetworkRange("172.16.0.0/12"))
        #expect(odd.contains("172.31.255.255"))
        #expect(!odd.contains("172.32.0.0"))
    }
}
