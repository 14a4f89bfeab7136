#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`, or one address), as
/// `serve --metrics-allow` takes it.
package struct NetworkRange: Sendable, Equatable, CustomStringConvertible {
    /// The network's address bytes (4 or 16), host bits cleared.
    package let network: [UInt8]
    package let prefixLength: Int

    /// Parses `address[/prefix]`; nil when either part is not valid.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.bytes(of: String(parts[0])) else { return nil }
        let bits = address.count * 8
        let prefix: Int
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...bits).contains(given) else { return nil }
            prefix = given
        } else {
            prefix = bits
        }
        network = Self.masked(address, prefix: prefix)
        prefixLength = prefix
    }

    /// Whether `address` (textual, as NIO gives a peer's) lies in this network; an IPv4-mapped IPv6 address
    /// (`::ffff:127.0.0.1`) counts as its IPv4 address.
    package func contains(_ address: String) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        if bytes.count == 16, network.count == 4, bytes[0..<10].allSatisfy({ $0 == 0 }),
            bytes[10] == 0xFF, bytes[11] == 0xFF
        {
            bytes = Array(bytes[12...])
        }
        guard bytes.count == network.count else { return false }
        return Self.masked(bytes, prefix: prefixLength) == network
    }

    package var description: String { "\(Self.text(of: network))/\(prefixLength)" }

    /// The loopback networks: `127.0.0.0/8` and `::1/128`.
    package static let loopback: [NetworkRange] = [NetworkRange("127.0.0.0/8"), NetworkRange("::1")].compactMap {
        $0
    }

    private static func masked(_ bytes: [UInt8], prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let kept = max(0, min(8, prefix - index * 8))
            return kept == 8 ? byte : byte & ~(UInt8.max >> kept)
        }
    }

    /// The 4 or 16 bytes of a textual IPv4 or IPv6 address (an IPv6 zone, `%eth0`, is ignored).
    static func bytes(of text: String) -> [UInt8]? {
        let address = String(text.split(separator: "%", maxSplits: 1).first ?? "")
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func text(of bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let done = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        return done ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
    }
}
