import COpenSSL
import CoreTokens

/// AES key wrap (RFC 3394, id-aes*-wrap of RFC 3565 §4.3), for key agreement recipients.
enum AESKeyWrap {
    /// Wraps `key` (a multiple of 8 bytes) under `kek` (16, 24 or 32 bytes).
    static func wrap(_ key: [UInt8], kek: [UInt8]) throws -> [UInt8] {
        try run(key, kek: kek, encrypting: true)
    }

    /// Unwraps `wrapped` under `kek`; an integrity check failure means a wrong key or an altered pli.
    static func unwrap(_ wrapped: [UInt8], kek: [UInt8]) throws -> [UInt8] {
        guard wrapped.count >= 24, wrapped.count % 8 == 0 else {
            throw SealError.keyRecoveryFailed("the wrapped key is \(wrapped.count) bytes")
        }
        return try run(wrapped, kek: kek, encrypting: false)
    }

    private static func run(_ input: [UInt8], kek: [UInt8], encrypting: Bool) throws -> [UInt8] {
        let cipher: OpaquePointer?
        switch kek.count {
        case 16: cipher = EVP_aes_128_wrap()
        case 24: cipher = EVP_aes_192_wrap()
        case 32: cipher = EVP_aes_256_wrap()
        default: throw SealError.cryptoFailure("a key-encryption key of \(kek.count) bytes")
        }
        guard let context = EVP_CIPHER_CTX_new() else { throw SealError.cryptoFailure(openSSLErrors()) }
        defer { EVP_CIPHER_CTX_free(context) }
        EVP_CIPHER_CTX_set_flags(context, Int32(EVP_CIPHER_CTX_FLAG_WRAP_ALLOW))
        let enc: Int32 = encrypting ? 1 : 0
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var written: Int32 = 0
        var last: Int32 = 0
        guard EVP_CipherInit_ex(context, cipher, nil, kek, nil, enc) == 1,
            EVP_CipherUpdate(context, &output, &written, input, Int32(input.count)) == 1
        else {
            ERR_clear_error()
            if encrypting { throw SealError.cryptoFailure("AES key wrap failed") }
            throw SealError.keyRecoveryFailed("the AES key unwrap integrity check failed")
        }
        let tail = output.withUnsafeMutableBufferPointer { buffer in
            EVP_CipherFinal_ex(context, buffer.baseAddress.map { $0 + Int(written) }, &last)
        }
        guard tail == 1 else {
            ERR_clear_error()
            throw SealError.keyRecoveryFailed("the AES key unwrap integrity check failed")
        }
        return Array(output.prefix(Int(written + last)))
    }
}
