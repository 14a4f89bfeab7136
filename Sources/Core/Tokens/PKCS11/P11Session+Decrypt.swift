import CP11Kit

extension P11Session {
    /// Decrypts `data` with a private key on the token (`C_DecryptInit` + `C_Decrypt`).
    func decrypt(
        _ data: [UInt8], key: CK_OBJECT_HANDLE, mechanism type: CK_MECHANISM_TYPE,
        parameter: UnsafeMutableRawBufferPointer? = nil
    ) throws(P11Error) -> [UInt8] {
        try oneShot(
            data, key: key, mechanism: type, parameter: parameter, names: ("C_DecryptInit", "C_Decrypt"),
            initialize: { functions.pointee.C_DecryptInit(handle, $0, key) },
            run: { functions.pointee.C_Decrypt(handle, $0, $1, $2, $3) })
    }

    /// Runs ECDH (`C_DeriveKey` with CKM_ECDH1_DERIVE) into a temporary session object, reads the
    /// shared secret out of it and destroys it.
    func deriveSecret(
        from key: CK_OBJECT_HANDLE, parameter: UnsafeMutableRawBufferPointer, length: Int
    ) throws(P11Error) -> [UInt8] {
        var mechanism = CK_MECHANISM(
            mechanism: CK_MECHANISM_TYPE(CKM_ECDH1_DERIVE), pParameter: parameter.baseAddress,
            ulParameterLen: CK_ULONG(parameter.count))
        let template: [P11Attribute] = [
            .objectClass(CK_OBJECT_CLASS(CKO_SECRET_KEY)),
            .init(
                type: CK_ATTRIBUTE_TYPE(CKA_KEY_TYPE),
                value: withUnsafeBytes(of: CK_KEY_TYPE(CKK_GENERIC_SECRET)) { Array($0) }),
            .init(type: CK_ATTRIBUTE_TYPE(CKA_VALUE_LEN), value: withUnsafeBytes(of: CK_ULONG(length)) { Array($0) }),
            .bool(CK_ATTRIBUTE_TYPE(CKA_TOKEN), false),
            .bool(CK_ATTRIBUTE_TYPE(CKA_SENSITIVE), false),
            .bool(CK_ATTRIBUTE_TYPE(CKA_EXTRACTABLE), true),
        ]
        var derived: CK_OBJECT_HANDLE = 0
        try P11Attribute.withTemplate(template) { (attributes, count) throws(P11Error) in
            try check(
                functions.pointee.C_DeriveKey(handle, &mechanism, key, attributes, count, &derived), "C_DeriveKey")
        }
        defer { _ = functions.pointee.C_DestroyObject(handle, derived) }
        guard let secret = try attribute(CK_ATTRIBUTE_TYPE(CKA_VALUE), of: derived) else {
            throw P11Error.call(function: "C_GetAttributeValue(CKA_VALUE)", returnValue: CK_RV(CKR_ATTRIBUTE_SENSITIVE))
        }
        return secret
    }
}
