import CP11Kit

extension P11Session {
    /// Generates a key pair on the token (`C_GenerateKeyPair`) from two templates.
    func generateKeyPair(
        mechanism type: CK_MECHANISM_TYPE, publicTemplate: [P11Attribute], privateTemplate: [P11Attribute]
    ) throws(P11Error) -> (publicKey: CK_OBJECT_HANDLE, privateKey: CK_OBJECT_HANDLE) {
        var mechanism = CK_MECHANISM(mechanism: type, pParameter: nil, ulParameterLen: 0)
        var publicKey: CK_OBJECT_HANDLE = 0
        var privateKey: CK_OBJECT_HANDLE = 0
        try P11Attribute.withTemplate(publicTemplate) { (publicAttributes, publicCount) throws(P11Error) in
            try P11Attribute.withTemplate(privateTemplate) { (privateAttributes, privateCount) throws(P11Error) in
                try check(
                    functions.pointee.C_GenerateKeyPair(
                        handle, &mechanism, publicAttributes, publicCount, privateAttributes, privateCount,
                        &publicKey, &privateKey),
                    "C_GenerateKeyPair")
            }
        }
        return (publicKey, privateKey)
    }

    /// Creates an object (a certificate) on the token.
    @discardableResult
    func createObject(_ template: [P11Attribute]) throws(P11Error) -> CK_OBJECT_HANDLE {
        var object: CK_OBJECT_HANDLE = 0
        try P11Attribute.withTemplate(template) { (attributes, count) throws(P11Error) in
            try check(functions.pointee.C_CreateObject(handle, attributes, count, &object), "C_CreateObject")
        }
        return object
    }

    /// Deletes an object (a key or certificate), ignoring failures: also used to undo a half-finished generation.
    public func destroyObject(_ object: CK_OBJECT_HANDLE) {
        _ = functions.pointee.C_DestroyObject(handle, object)
    }
}

extension P11Attribute {
    /// An attribute holding a CK_ULONG (CKA_MODULUS_BITS, CKA_KEY_TYPE, CKA_CERTIFICATE_TYPE…).
    static func ulong(_ type: CK_ATTRIBUTE_TYPE, _ value: CK_ULONG) -> P11Attribute {
        .init(type: type, value: withUnsafeBytes(of: value) { Array($0) })
    }
}
