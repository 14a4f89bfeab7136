import Crypto

/// The decryption of a pli's content in progress.
final class DecryptionState {
    let cipher: ContentCipher
    let hash = BackgroundSHA256()
    var size: Int64 = 0

    init(cipher: ContentCipher) {
        self.cipher = cipher
    }
}
