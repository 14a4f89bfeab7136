import CP11Kit

/// One PKCS#11 module (a smartcard middleware, SoftHSM, a vendor library) and its function list.
public struct P11Module: @unchecked Sendable {
    let functions: UnsafeMutablePointer<CK_FUNCTION_LIST>
    /// The module's p11-kit name (e.g. `softhsm2`), or its path when loaded explicitly.
    public let name: String
    /// Keeps the module loaded while this value (or a slot or session of it) lives.
    let loaded: P11LoadedModules

    /// The slots of this module; only those holding a token when `tokenPresent` is true.
    public func slots(tokenPresent: Bool = true) throws(P11Error) -> [P11Slot] {
        let present = CK_BBOOL(tokenPresent ? CK_TRUE : CK_FALSE)
        var count: CK_ULONG = 0
        try check(functions.pointee.C_GetSlotList(present, nil, &count), "C_GetSlotList")
        var ids = [CK_SLOT_ID](repeating: 0, count: Int(count))
        try check(functions.pointee.C_GetSlotList(present, &ids, &count), "C_GetSlotList")
        return try ids.prefix(Int(count)).map { id throws(P11Error) in
            var info = CK_SLOT_INFO()
            try check(functions.pointee.C_GetSlotInfo(id, &info), "C_GetSlotInfo")
            return P11Slot(
                module: self, id: id,
                description: P11Text.string(info.slotDescription),
                manufacturer: P11Text.string(info.manufacturerID),
                flags: info.flags)
        }
    }
}
