import CP11Kit

/// What a token says about itself, including the state of its user PIN.
public struct P11TokenInfo: Sendable, Equatable {
    /// The token's label, as set at initialisation.
    public let label: String
    public let manufacturer: String
    public let model: String
    public let serialNumber: String
    /// A login is needed before private objects (keys) can be used.
    public let loginRequired: Bool
    /// The PIN is entered on the reader's own keypad (a PIN pad), never in software.
    public let protectedAuthenticationPath: Bool
    public let userPINCountLow: Bool
    public let userPINFinalTry: Bool
    public let userPINLocked: Bool
    /// The token has been initialised (SoftHSM always shows one more, empty, slot).
    public let initialized: Bool

    init(_ info: CK_TOKEN_INFO) {
        label = P11Text.string(info.label)
        manufacturer = P11Text.string(info.manufacturerID)
        model = P11Text.string(info.model)
        serialNumber = P11Text.string(info.serialNumber)
        let flags = info.flags
        func has(_ flag: CK_FLAGS) -> Bool { flags & flag != 0 }
        loginRequired = has(CK_FLAGS(CKF_LOGIN_REQUIRED))
        protectedAuthenticationPath = has(CK_FLAGS(CKF_PROTECTED_AUTHENTICATION_PATH))
        userPINCountLow = has(CK_FLAGS(CKF_USER_PIN_COUNT_LOW))
        userPINFinalTry = has(CK_FLAGS(CKF_USER_PIN_FINAL_TRY))
        userPINLocked = has(CK_FLAGS(CKF_USER_PIN_LOCKED))
        initialized = has(CK_FLAGS(CKF_TOKEN_INITIALIZED))
    }
}
