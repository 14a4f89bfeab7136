/// A failure of the PC/SC service (pcscd) or of a reader, with what the user should do about it.
public enum PCSCError: Error, Equatable, CustomStringConvertible {
    /// pcscd is not running or not reachable (SCARD_E_NO_SERVICE).
    case serviceUnavailable
    /// The call timed out before anything changed (SCARD_E_TIMEOUT).
    case timeout
    /// The wait was cancelled (SCARD_E_CANCELLED).
    case cancelled
    /// Any other PC/SC failure: the function and its return code.
    case call(function: String, code: UInt32)

    public var description: String {
        switch self {
        case .serviceUnavailable:
            "The smartcard service is not running: start pcscd (`systemctl start pcscd`, or `pcscd` as root)."
        case .timeout:
            "No card event happened before the timeout."
        case .cancelled:
            "The wait for card events was cancelled."
        case .call(let function, let code):
            "\(function) failed with PC/SC code 0x\(String(code, radix: 16, uppercase: true))."
        }
    }

    static let success: UInt32 = 0x0000_0000
    static let noService: UInt32 = 0x8010_001D
    static let noReaders: UInt32 = 0x8010_002E
    static let timeoutCode: UInt32 = 0x8010_000A
    static let cancelledCode: UInt32 = 0x8010_0002
    static let serviceStopped: UInt32 = 0x8010_001E

    /// Maps a return code to the error a user can act on.
    static func from(_ code: UInt32, function: String) -> PCSCError {
        switch code {
        case noService, serviceStopped: .serviceUnavailable
        case timeoutCode: .timeout
        case cancelledCode: .cancelled
        default: .call(function: function, code: code)
        }
    }
}
