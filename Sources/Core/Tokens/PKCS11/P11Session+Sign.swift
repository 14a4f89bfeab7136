import CP11Kit

extension P11Session {
    /// Signs `data` with a private key on the token (`C_SignInit` + `C_Sign`).
    func sign(
        _ data: [UInt8], key: CK_OBJECT_HANDLE, mechanism type: CK_MECHANISM_TYPE,
        parameter: UnsafeMutableRawBufferPointer? = nil
    ) throws(P11Error) -> [UInt8] {
        var mechanism = CK_MECHANISM(
            mechanism: type, pParameter: parameter?.baseAddress, ulParameterLen: CK_ULONG(parameter?.count ?? 0))
        try check(functions.pointee.C_SignInit(handle, &mechanism, key), "C_SignInit")
        var input = data
        var length: CK_ULONG = 0
        try check(functions.pointee.C_Sign(handle, &input, CK_ULONG(input.count), nil, &length), "C_Sign")
        var signature = [UInt8](repeating: 0, count: Int(length))
        try check(functions.pointee.C_Sign(handle, &input, CK_ULONG(input.count), &signature, &length), "C_Sign")
        return Array(signature.prefix(Int(length)))
    }
}
