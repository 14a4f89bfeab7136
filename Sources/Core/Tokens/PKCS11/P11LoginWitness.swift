import CP11Kit
import Crypto
import Foundation
import Synchronization

/// Remembers which PIN logged each slot in, so that a second login in this process still checks its PIN.
///
/// PKCS#11 logs in the application, not the session: while one session of the process is logged in
/// (a long decryption job, say), `C_Login` on any other session of the token answers
/// `CKR_USER_ALREADY_LOGGED_IN` whatever the PIN. The assistant would then accept a wrong PIN for the next
/// signature. The witness keeps, per slot, an HMAC of the PIN that logged in under a key drawn at random
/// for this process (never the PIN itself), and a different PIN is refused as incorrect without reaching
/// the token.
final class P11LoginWitness: Sendable {
    static let shared = P11LoginWitness()

    private let key = SymmetricKey(size: .bits256)
    private let witnesses = Mutex<[String: Data]>([:])

    /// Records that `pin` logged `slot` of the module behind `functions` in.
    func loggedIn(_ functions: UnsafeMutablePointer<CK_FUNCTION_LIST>, slot: CK_SLOT_ID, pin: [UInt8]) {
        let witness = Data(HMAC<SHA256>.authenticationCode(for: pin, using: key))
        witnesses.withLock { $0[Self.name(functions, slot)] = witness }
    }

    /// Records that the slot was logged in without a PIN this process knows (on the token's PIN pad).
    func forget(_ functions: UnsafeMutablePointer<CK_FUNCTION_LIST>, slot: CK_SLOT_ID) {
        witnesses.withLock { _ = $0.removeValue(forKey: Self.name(functions, slot)) }
    }

    /// Whether `pin` may join the login already open on `slot`: true when it is the PIN that opened it,
    /// or when that login was not made here with a PIN (a PIN pad), so there is nothing to compare.
    func admits(_ functions: UnsafeMutablePointer<CK_FUNCTION_LIST>, slot: CK_SLOT_ID, pin: [UInt8]) -> Bool {
        guard let expected = witnesses.withLock({ $0[Self.name(functions, slot)] }) else { return true }
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: pin, using: key)
    }

    private static func name(_ functions: UnsafeMutablePointer<CK_FUNCTION_LIST>, _ slot: CK_SLOT_ID) -> String {
        "\(UInt(bitPattern: functions)):\(slot)"
    }
}
