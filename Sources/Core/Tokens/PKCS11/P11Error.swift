import CP11Kit

/// A failure reported by a PKCS#11 module or by p11-kit, with what the user should do about it.
public enum P11Error: Error, Equatable, CustomStringConvertible {
    /// p11-kit could not load or initialise the modules (none registered, or a broken module).
    case modulesUnavailable(String)
    /// The module at an explicit path could not be loaded.
    case moduleLoadFailed(path: String, reason: String)
    /// No token with this label is present in any slot.
    case tokenNotFound(label: String)
    /// The PIN was refused; `remaining` says what the token reports about the tries left.
    case pinIncorrect(remaining: PINTriesLeft)
    /// The PIN is locked: only the security officer (or the issuer of the card) can unlock it.
    case pinLocked
    /// The token was removed or the slot closed while in use.
    case tokenRemoved
    /// Any other PKCS#11 failure: the function that failed and its CK_RV.
    case call(function: String, returnValue: CK_RV)

    /// What a token says about the PIN tries left after a failed login.
    public enum PINTriesLeft: Equatable, Sendable {
        case unknown
        case countLow
        case finalTry
    }

    public var description: String {
        switch self {
        case .modulesUnavailable(let reason):
            "No PKCS#11 module could be loaded through p11-kit (\(reason)). Install the middleware of your card or token and check `p11-kit list-modules`."
        case .moduleLoadFailed(let path, let reason):
            "The PKCS#11 module \(path) could not be loaded (\(reason)). Check the path and that the module matches this architecture."
        case .tokenNotFound(let label):
            "No token labelled \"\(label)\" is present. Insert the card or token, or check its label with `sceau-assistant tokens`."
        case .pinIncorrect(.finalTry):
            "Incorrect PIN. Only one try is left before the PIN is locked."
        case .pinIncorrect(.countLow):
            "Incorrect PIN. Few tries are left before the PIN is locked."
        case .pinIncorrect(.unknown):
            "Incorrect PIN. Check it and try again."
        case .pinLocked:
            "The PIN is locked. Unlock it with the PUK or the tool of your card's issuer."
        case .tokenRemoved:
            "The token was removed while in use. Insert it again and retry."
        case .call(let function, let rv):
            "\(function) failed with \(P11ReturnCode.name(of: rv))."
        }
    }

    /// Maps a return value to the error a user can act on.
    static func from(_ rv: CK_RV, function: String) -> P11Error {
        switch rv {
        case CK_RV(CKR_PIN_LOCKED): .pinLocked
        case CK_RV(CKR_DEVICE_REMOVED), CK_RV(CKR_TOKEN_NOT_PRESENT), CK_RV(CKR_SESSION_HANDLE_INVALID),
            CK_RV(CKR_SESSION_CLOSED):
            .tokenRemoved
        default: .call(function: function, returnValue: rv)
        }
    }
}

/// Names of the PKCS#11 return values that a user or a log reader may meet.
enum P11ReturnCode {
    static func name(of rv: CK_RV) -> String {
        let known: [CK_RV: String] = [
            CK_RV(CKR_OK): "CKR_OK",
            CK_RV(CKR_GENERAL_ERROR): "CKR_GENERAL_ERROR",
            CK_RV(CKR_FUNCTION_FAILED): "CKR_FUNCTION_FAILED",
            CK_RV(CKR_ARGUMENTS_BAD): "CKR_ARGUMENTS_BAD",
            CK_RV(CKR_ATTRIBUTE_TYPE_INVALID): "CKR_ATTRIBUTE_TYPE_INVALID",
            CK_RV(CKR_ATTRIBUTE_SENSITIVE): "CKR_ATTRIBUTE_SENSITIVE",
            CK_RV(CKR_DEVICE_ERROR): "CKR_DEVICE_ERROR",
            CK_RV(CKR_DEVICE_REMOVED): "CKR_DEVICE_REMOVED",
            CK_RV(CKR_KEY_HANDLE_INVALID): "CKR_KEY_HANDLE_INVALID",
            CK_RV(CKR_MECHANISM_INVALID): "CKR_MECHANISM_INVALID",
            CK_RV(CKR_OBJECT_HANDLE_INVALID): "CKR_OBJECT_HANDLE_INVALID",
            CK_RV(CKR_PIN_INCORRECT): "CKR_PIN_INCORRECT",
            CK_RV(CKR_PIN_LOCKED): "CKR_PIN_LOCKED",
            CK_RV(CKR_SESSION_HANDLE_INVALID): "CKR_SESSION_HANDLE_INVALID",
            CK_RV(CKR_SLOT_ID_INVALID): "CKR_SLOT_ID_INVALID",
            CK_RV(CKR_TOKEN_NOT_PRESENT): "CKR_TOKEN_NOT_PRESENT",
            CK_RV(CKR_USER_ALREADY_LOGGED_IN): "CKR_USER_ALREADY_LOGGED_IN",
            CK_RV(CKR_USER_NOT_LOGGED_IN): "CKR_USER_NOT_LOGGED_IN",
            CK_RV(CKR_USER_PIN_NOT_INITIALIZED): "CKR_USER_PIN_NOT_INITIALIZED",
            CK_RV(CKR_CRYPTOKI_NOT_INITIALIZED): "CKR_CRYPTOKI_NOT_INITIALIZED",
            CK_RV(CKR_BUFFER_TOO_SMALL): "CKR_BUFFER_TOO_SMALL",
        ]
        return known[rv] ?? "CK_RV 0x" + String(rv, radix: 16, uppercase: true)
    }
}

/// Throws the user-facing error for a failed PKCS#11 call.
@inline(__always)
func check(_ rv: CK_RV, _ function: String) throws(P11Error) {
    if rv != CK_RV(CKR_OK) { throw P11Error.from(rv, function: function) }
}
