import CoreProtocol
import Foundation

/// Encodes an `Encodable` value straight into a ``JSONValue``, as `JSONEncoder` with the ISO 8601 date
/// strategy would write it and `JSONDecoder` read it back, without the bytes in between: job progress
/// goes out many times a second, and the round trip through text was most of its cost.
struct JSONValueEncoder {
    func encode(_ value: some Encodable) throws -> JSONValue {
        let root = Node()
        try Self.encode(value, into: root, codingPath: [])
        return root.value
    }

    /// A value being built: scalars are set once, containers filled by their children.
    final class Node {
        enum Content {
            case empty
            case value(JSONValue)
            case array([Node])
            case object([(String, Node)])
        }

        var content = Content.empty

        var value: JSONValue {
            switch content {
            case .empty: .object([:])
            case .value(let value): value
            case .array(let nodes): .array(nodes.map(\.value))
            case .object(let pairs):
                .object(Dictionary(pairs.map { ($0.0, $0.1.value) }, uniquingKeysWith: { _, last in last }))
            }
        }
    }

    /// Encodes `value` into `node`, with JSONEncoder's special cases for dates, data and URLs.
    static func encode(_ value: some Encodable, into node: Node, codingPath: [any CodingKey]) throws {
        switch value {
        case let date as Date: node.content = .value(.string(date.ISO8601Format()))
        case let data as Data: node.content = .value(.string(data.base64EncodedString()))
        case let url as URL: node.content = .value(.string(url.absoluteString))
        case let decimal as Decimal: node.content = .value(.number(NSDecimalNumber(decimal: decimal).doubleValue))
        default: try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        }
    }
}

/// The `Encoder` handed to a value's `encode(to:)`: writes into one node.
private struct NodeEncoder: Encoder {
    let node: JSONValueEncoder.Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONValueEncoder.Node
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> JSONValueEncoder.Node {
        let child = JSONValueEncoder.Node()
        if case .object(var pairs) = node.content {
            pairs.append((key.stringValue, child))
            node.content = .object(pairs)
        }
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).content = .value(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).content = .value(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { child(key).content = .value(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { child(key).content = .value(.number(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { child(key).content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        child(key).content = .value(.number(Double(value)))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try JSONValueEncoder.encode(value, into: child(key), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: child(key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: JSONValueEncoder.Node
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let nodes) = node.content { return nodes.count }
        return 0
    }

    private func next() -> JSONValueEncoder.Node {
        let child = JSONValueEncoder.Node()
        if case .array(var nodes) = node.content {
            nodes.append(child)
            node.content = .array(nodes)
        }
        return child
    }

    mutating func encodeNil() throws { next().content = .value(.null) }
    mutating func encode(_ value: Bool) throws { next().content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { next().content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { next().content = .value(.number(value)) }
    mutating func encode(_ value: Int) throws { next().content = .value(.number(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try JSONValueEncoder.encode(value, into: next(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(node: next(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: next(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: next(), codingPath: codingPath) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: JSONValueEncoder.Node
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { node.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { node.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { node.content = .value(.number(value)) }
    mutating func encode(_ value: Float) throws { node.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { node.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { node.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { node.content = .value(.number(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try JSONValueEncoder.encode(value, into: node, codingPath: codingPath)
    }
}
