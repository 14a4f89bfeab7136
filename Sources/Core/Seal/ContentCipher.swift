import COpenSSL
import CoreTokens

/// AES-CBC or AES-GCM over OpenSSL's EVP interface (AES-NI), one direction, fed in chunks.
final class ContentCipher {
    private let context: OpaquePointer
    private let encrypting: Bool
    private let algorithm: ContentEncryptionAlgorithm

    /// Starts encrypting (`encrypting`) or decrypting with `key` under `algorithm`.
    init(_ algorithm: ContentEncryptionAlgorithm, key: [UInt8], encrypting: Bool) throws {
        guard key.count == algorithm.keyLength else {
            throw SealError.keyRecoveryFailed(
                "the content key is \(key.count) bytes, the cipher needs \(algorithm.keyLength)")
        }
        guard let context = EVP_CIPHER_CTX_new() else { throw SealError.cryptoFailure(openSSLErrors()) }
        self.context = context
        self.encrypting = encrypting
        self.algorithm = algorithm
        let cipher: OpaquePointer?
        switch (algorithm.mode, algorithm.keyLength) {
        case (.cbc, 16): cipher = EVP_aes_128_cbc()
        case (.cbc, 24): cipher = EVP_aes_192_cbc()
        case (.cbc, _): cipher = EVP_aes_256_cbc()
        case (.gcm, 16): cipher = EVP_aes_128_gcm()
        case (.gcm, 24): cipher = EVP_aes_192_gcm()
        case (.gcm, _): cipher = EVP_aes_256_gcm()
        }
        let enc: Int32 = encrypting ? 1 : 0
        guard EVP_CipherInit_ex(context, cipher, nil, nil, nil, enc) == 1 else {
            throw SealError.cryptoFailure(openSSLErrors())
        }
        if case .gcm = algorithm.mode {
            guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_IVLEN, Int32(algorithm.iv.count), nil) == 1 else {
                throw SealError.cryptoFailure(openSSLErrors())
            }
        } else if algorithm.iv.count != 16 {
            throw SealError.notASealedPli("the AES-CBC IV is not 16 bytes")
        }
        guard EVP_CipherInit_ex(context, nil, nil, key, algorithm.iv, enc) == 1 else {
            throw SealError.cryptoFailure(openSSLErrors())
        }
    }

    deinit { EVP_CIPHER_CTX_free(context) }

    /// Encrypts or decrypts `input`; returns what the cipher can release so far.
    func update(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        guard input.count > 0, let base = input.baseAddress else { return [] }
        var output = [UInt8](repeating: 0, count: input.count + 32)
        var written: Int32 = 0
        guard
            EVP_CipherUpdate(
                context, &output, &written, base.assumingMemoryBound(to: UInt8.self), Int32(input.count)) == 1
        else { throw SealError.cryptoFailure(openSSLErrors()) }
        output.removeLast(output.count - Int(written))
        return output
    }

    /// Ends encryption: the last bytes (CBC padding) and, for GCM, the authentication tag.
    func finishEncryption() throws -> (last: [UInt8], tag: [UInt8]?) {
        var output = [UInt8](repeating: 0, count: 32)
        var written: Int32 = 0
        guard EVP_CipherFinal_ex(context, &output, &written) == 1 else {
            throw SealError.cryptoFailure(openSSLErrors())
        }
        output.removeLast(output.count - Int(written))
        guard case .gcm(let tagLength) = algorithm.mode else { return (output, nil) }
        var tag = [UInt8](repeating: 0, count: tagLength)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(tagLength), &tag) == 1 else {
            throw SealError.cryptoFailure(openSSLErrors())
        }
        return (output, tag)
    }

    /// Ends decryption: checks the GCM tag (`tag`) or the CBC padding, and returns the last bytes.
    func finishDecryption(tag: [UInt8]?) throws -> [UInt8] {
        if case .gcm(let tagLength) = algorithm.mode {
            guard var tag, tag.count == tagLength else {
                throw SealError.notASealedPli("the authentication tag is not \(tagLength) bytes")
            }
            guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tag.count), &tag) == 1 else {
                throw SealError.cryptoFailure(openSSLErrors())
            }
        }
        var output = [UInt8](repeating: 0, count: 32)
        var written: Int32 = 0
        guard EVP_CipherFinal_ex(context, &output, &written) == 1 else {
            ERR_clear_error()
            if case .gcm = algorithm.mode { throw SealError.authenticationFailed }
            throw SealError.invalidPadding
        }
        output.removeLast(output.count - Int(written))
        return output
    }
}
