import CP11Kit

/// An attribute of a search or creation template, owning its value.
public struct P11Attribute: Sendable {
    public let type: CK_ATTRIBUTE_TYPE
    public let value: [UInt8]

    public init(type: CK_ATTRIBUTE_TYPE, value: [UInt8]) {
        self.type = type
        self.value = value
    }

    /// CKA_CLASS with the given object class.
    public static func objectClass(_ objectClass: CK_OBJECT_CLASS) -> P11Attribute {
        .init(type: CK_ATTRIBUTE_TYPE(CKA_CLASS), value: withUnsafeBytes(of: objectClass) { Array($0) })
    }

    /// CKA_ID, the identifier shared by a key and its certificate.
    public static func id(_ id: [UInt8]) -> P11Attribute {
        .init(type: CK_ATTRIBUTE_TYPE(CKA_ID), value: id)
    }

    /// CKA_LABEL.
    public static func label(_ label: String) -> P11Attribute {
        .init(type: CK_ATTRIBUTE_TYPE(CKA_LABEL), value: Array(label.utf8))
    }

    /// A boolean attribute such as CKA_TOKEN or CKA_SIGN.
    public static func bool(_ type: CK_ATTRIBUTE_TYPE, _ flag: Bool) -> P11Attribute {
        .init(type: type, value: [flag ? UInt8(CK_TRUE) : UInt8(CK_FALSE)])
    }

    /// Lends a C template built from `template` to `body`; the pointers live only during the call.
    static func withTemplate<R>(
        _ template: [P11Attribute],
        _ body: (UnsafeMutablePointer<CK_ATTRIBUTE>?, CK_ULONG) throws(P11Error) -> R
    ) throws(P11Error) -> R {
        let total = template.reduce(0) { $0 + $1.value.count }
        let values = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 8)
        defer { values.deallocate() }
        var attributes: [CK_ATTRIBUTE] = []
        var offset = 0
        for attribute in template {
            let slice = UnsafeMutableRawBufferPointer(rebasing: values[offset..<offset + attribute.value.count])
            slice.copyBytes(from: attribute.value)
            attributes.append(
                CK_ATTRIBUTE(type: attribute.type, pValue: slice.baseAddress, ulValueLen: CK_ULONG(slice.count)))
            offset += attribute.value.count
        }
        return try attributes.withUnsafeMutableBufferPointer { (buffer) throws(P11Error) -> R in
            try body(buffer.baseAddress, CK_ULONG(buffer.count))
        }
    }
}
