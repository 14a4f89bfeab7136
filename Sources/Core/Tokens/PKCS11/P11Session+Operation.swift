import CP11Kit

extension P11Session {
    /// Runs a one-shot PKCS#11 operation (`C_SignInit` + `C_Sign`, `C_DecryptInit` + `C_Decrypt`):
    /// initialises it with the key and mechanism, asks the output length, then produces the output.
    func oneShot(
        _ data: [UInt8], key: CK_OBJECT_HANDLE, mechanism type: CK_MECHANISM_TYPE,
        parameter: UnsafeMutableRawBufferPointer?, names: (initialize: String, run: String),
        initialize: (UnsafeMutablePointer<CK_MECHANISM>) -> CK_RV,
        run: (UnsafeMutablePointer<UInt8>, CK_ULONG, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<CK_ULONG>) ->
            CK_RV
    ) throws(P11Error) -> [UInt8] {
        var mechanism = CK_MECHANISM(
            mechanism: type, pParameter: parameter?.baseAddress, ulParameterLen: CK_ULONG(parameter?.count ?? 0))
        try check(initialize(&mechanism), names.initialize)
        var input = data
        var length: CK_ULONG = 0
        try check(run(&input, CK_ULONG(input.count), nil, &length), names.run)
        var output = [UInt8](repeating: 0, count: Int(length))
        try check(run(&input, CK_ULONG(input.count), &output, &length), names.run)
        return Array(output.prefix(Int(length)))
    }
}
