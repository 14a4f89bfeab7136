import CP11Kit

/// A slot of a module: a card reader, a USB token port, or a SoftHSM slot.
public struct P11Slot: Sendable {
    /// The module this slot belongs to.
    public let module: P11Module
    /// The slot identifier, meaningful only within its module.
    public let id: CK_SLOT_ID
    /// The slot's description, e.g. the reader's name.
    public let description: String
    /// The slot's manufacturer.
    public let manufacturer: String
    let flags: CK_FLAGS

    /// Whether a token is present in the slot.
    public var tokenPresent: Bool { flags & CK_FLAGS(CKF_TOKEN_PRESENT) != 0 }
    /// Whether the token can be removed (a card reader, a USB port).
    public var removable: Bool { flags & CK_FLAGS(CKF_REMOVABLE_DEVICE) != 0 }

    /// Describes the token in the slot.
    public func token() throws(P11Error) -> P11TokenInfo {
        var info = CK_TOKEN_INFO()
        try check(module.functions.pointee.C_GetTokenInfo(id, &info), "C_GetTokenInfo")
        return P11TokenInfo(info)
    }

    /// Opens a session on the token; read-write sessions can create objects (key generation).
    public func openSession(readWrite: Bool = false) throws(P11Error) -> P11Session {
        var flags = CK_FLAGS(CKF_SERIAL_SESSION)
        if readWrite { flags |= CK_FLAGS(CKF_RW_SESSION) }
        var handle: CK_SESSION_HANDLE = 0
        try check(module.functions.pointee.C_OpenSession(id, flags, nil, nil, &handle), "C_OpenSession")
        return P11Session(module: module, slotID: id, handle: handle)
    }
}
