import CP11Kit

extension P11Session {
    /// Signs `data` with a private key on the token (`C_SignInit` + `C_Sign`).
    func sign(
        _ data: [UInt8], key: CK_OBJECT_HANDLE, mechanism type: CK_MECHANISM_TYPE,
        parameter: UnsafeMutableRawBufferPointer? = nil
    ) throws(P11Error) -> [UInt8] {
        try oneShot(
            data, key: key, mechanism: type, parameter: parameter, names: ("C_SignInit", "C_Sign"),
            initialize: { functions.pointee.C_SignInit(handle, $0, key) },
            run: { functions.pointee.C_Sign(handle, $0, $1, $2, $3) })
    }
}
