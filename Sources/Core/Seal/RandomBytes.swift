import COpenSSL
import CoreTokens

/// `count` bytes from OpenSSL's CSPRNG.
func randomBytes(_ count: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw SealError.cryptoFailure(openSSLErrors()) }
    return bytes
}
