/// JSON-RPC 2.0 messages (https://www.jsonrpc.org/specification) as the assistant's WebSocket carries them.
public enum JSONRPC {
    /// The only version this protocol speaks.
    public static let version = "2.0"

    /// A request id: a string or an integer; absent for notifications.
    public enum ID: Codable, Sendable, Hashable {
        case number(Int)
        case string(String)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .string(let string): try container.encode(string)
            }
        }
    }

    /// A call from a page (with an id) or a notification (without).
    public struct Request: Codable, Sendable, Equatable {
        public let jsonrpc: String
        public let id: ID?
        public let method: String
        public let params: JSONValue?

        public init(id: ID?, method: String, params: JSONValue? = nil) {
            jsonrpc = JSONRPC.version
            self.id = id
            self.method = method
            self.params = params
        }
    }

    /// The answer to a request: a result or an error, never both.
    public struct Response: Codable, Sendable, Equatable {
        public let jsonrpc: String
        /// `nil` only when the request could not be read far enough to know its id.
        public let id: ID?
        public let result: JSONValue?
        public let error: ErrorObject?

        public init(id: ID?, result: JSONValue) {
            jsonrpc = JSONRPC.version
            self.id = id
            self.result = result
            self.error = nil
        }

        public init(id: ID?, error: ErrorObject) {
            jsonrpc = JSONRPC.version
            self.id = id
            self.result = nil
            self.error = error
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(jsonrpc, forKey: .jsonrpc)
            // The specification wants "id": null when the id is unknown.
            if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
            try container.encodeIfPresent(result, forKey: .result)
            try container.encodeIfPresent(error, forKey: .error)
        }
    }

    /// A message from the assistant that expects no answer (progress, token events).
    public struct Notification: Codable, Sendable, Equatable {
        public let jsonrpc: String
        public let method: String
        public let params: JSONValue?

        public init(method: String, params: JSONValue?) {
            jsonrpc = JSONRPC.version
            self.method = method
            self.params = params
        }
    }

    /// An error, with a code from the specification or from ``AssistantErrorCode``.
    public struct ErrorObject: Codable, Sendable, Equatable, Error {
        public let code: Int
        public let message: String
        public let data: JSONValue?

        public init(code: Int, message: String, data: JSONValue? = nil) {
            self.code = code
            self.message = message
            self.data = data
        }

        public static func parseError(_ detail: String) -> ErrorObject {
            ErrorObject(code: -32700, message: "Parse error: \(detail)")
        }
        public static func invalidRequest(_ detail: String) -> ErrorObject {
            ErrorObject(code: -32600, message: "Invalid request: \(detail)")
        }
        public static func methodNotFound(_ method: String) -> ErrorObject {
            ErrorObject(code: -32601, message: "Method not found: \(method)")
        }
        public static func invalidParams(_ detail: String) -> ErrorObject {
            ErrorObject(code: -32602, message: "Invalid params: \(detail)")
        }
        public static func internalError(_ detail: String) -> ErrorObject {
            ErrorObject(code: -32603, message: "Internal error: \(detail)")
        }
    }
}
