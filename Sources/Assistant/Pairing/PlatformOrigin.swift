import Foundation

/// The web origin of a platform (`scheme://host[:port]`), normalised so that it compares with the
/// `Origin` header browsers send: lower-case scheme and host, default port omitted, no path.
struct PlatformOrigin: Hashable, Codable, Sendable, CustomStringConvertible {
    let value: String

    /// Parses and checks an origin: https only, http allowed for loopback development.
    init(_ text: String) throws(PairingError) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(), !host.isEmpty,
            components.user == nil, components.query == nil, components.fragment == nil,
            components.path.isEmpty || components.path == "/"
        else { throw .invalidOrigin(text) }
        let loopback = host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]"
        guard scheme == "https" || (scheme == "http" && loopback) else { throw .insecureOrigin(text) }
        let defaultPort = scheme == "https" ? 443 : 80
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = components.port, port != defaultPort {
            value = "\(scheme)://\(hostPart):\(port)"
        } else {
            value = "\(scheme)://\(hostPart)"
        }
    }

    var description: String { value }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Why an origin cannot be paired or a pairing file read, and what to do.
enum PairingError: Error, Equatable, CustomStringConvertible {
    case invalidOrigin(String)
    case insecureOrigin(String)
    case unreadableStore(path: String, reason: String)
    case notConfirmed

    var description: String {
        switch self {
        case .invalidOrigin(let text):
            "\"\(text)\" is not a web origin: give scheme and host, e.g. https://marches.example.fr"
        case .insecureOrigin(let text):
            "\(text) is not https: only https platforms can be paired (http is allowed on 127.0.0.1 for development)."
        case .unreadableStore(let path, let reason):
            "Cannot read the paired platforms in \(path) (\(reason)). Fix or remove the file, then pair again."
        case .notConfirmed:
            "Pairing cancelled: nothing was changed."
        }
    }
}
