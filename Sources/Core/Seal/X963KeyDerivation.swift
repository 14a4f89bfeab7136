import COpenSSL
import CoreTokens

/// The ANSI X9.63 key derivation function (SEC 1 §3.6.1), as RFC 5753 §3.1 uses it for ECDH recipients:
/// `K = Hash(Z || counter || SharedInfo)` for counter = 1, 2, …, truncated to the key length.
enum X963KeyDerivation {
    /// The hashes a dhSinglePass scheme may name.
    enum Hash: Sendable, Equatable {
        case sha1, sha224, sha256, sha384, sha512

        var digest: OpaquePointer? {
            switch self {
            case .sha1: EVP_sha1()
            case .sha224: EVP_sha224()
            case .sha256: EVP_sha256()
            case .sha384: EVP_sha384()
            case .sha512: EVP_sha512()
            }
        }
    }

    static func derive(secret: [UInt8], sharedInfo: [UInt8], length: Int, hash: Hash) throws -> [UInt8] {
        var output: [UInt8] = []
        var counter: UInt32 = 1
        guard let context = EVP_MD_CTX_new() else { throw SealError.cryptoFailure(openSSLErrors()) }
        defer { EVP_MD_CTX_free(context) }
        while output.count < length {
            let counterBytes: [UInt8] = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
            var block = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var blockLength: UInt32 = 0
            guard EVP_DigestInit_ex(context, hash.digest, nil) == 1,
                EVP_DigestUpdate(context, secret, secret.count) == 1,
                EVP_DigestUpdate(context, counterBytes, counterBytes.count) == 1,
                EVP_DigestUpdate(context, sharedInfo, sharedInfo.count) == 1,
                EVP_DigestFinal_ex(context, &block, &blockLength) == 1
            else { throw SealError.cryptoFailure(openSSLErrors()) }
            output += block.prefix(Int(blockLength))
            counter += 1
        }
        return Array(output.prefix(length))
    }
}
