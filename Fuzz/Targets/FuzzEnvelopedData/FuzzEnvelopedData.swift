import CoreSeal
import CoreTokens
import Crypto
import Foundation
import FuzzDriver
import SwiftASN1
import X509

// Sealed plis (CMS EnvelopedData / AuthEnvelopedData, streamed BER) on any bytes: the platform's inspection of
// the recipients, then the whole streamed opening with a recipient key, so that mutations of a real pli reach the
// key agreement, the key unwrap, the decryption and the checks of the end of the structure.
//
// The recipient is a fixed P-256 test key (not a secret: it only opens the seeds in Fuzz/Corpus/enveloped-data,
// which Fuzz/make-corpus.sh seals for the certificate this target writes when SCEAU_FUZZ_RECIPIENT_CERT names a
// file).

private let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
private let input = URL(fileURLWithPath: "\(folder)/sceau-fuzz-pli-\(getpid()).p7m")
private let output = URL(fileURLWithPath: "\(folder)/sceau-fuzz-pli-\(getpid()).out")

private let recipient: SoftwareDecryptionKey = {
    do {
        let key = try P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0x42, count: 32))
        let name = try DistinguishedName { CommonName("Sceau fuzz recipient") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x01, 0x02, 0x03]),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: Date(timeIntervalSince1970: 1_700_000_000),
            notValidAfter: Date(timeIntervalSince1970: 4_000_000_000), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { KeyUsage(keyAgreement: true) },
            issuerPrivateKey: Certificate.PrivateKey(key))
        if let path = ProcessInfo.processInfo.environment["SCEAU_FUZZ_RECIPIENT_CERT"] {
            try Data(try certificate.serializeAsPEM().pemString.utf8).write(to: URL(fileURLWithPath: path))
        }
        return SoftwareDecryptionKey(
            try SoftwareSigningKey(pkcs8: Array(key.derRepresentation), certificate: certificate))
    } catch {
        fatalError("the fuzz recipient cannot be made: \(error)")
    }
}()

@main enum FuzzEnvelopedData {
    static func main() { LibFuzzer.run(fuzzEnvelopedData) }
}

func fuzzEnvelopedData(_ bytes: [UInt8]) {
    let opener = PliOpener(key: recipient)
    guard (try? Data(bytes).write(to: input)) != nil else { return }
    guard let envelope = try? PliEnvelope.inspect(input) else { return }
    _ = envelope.recipientDescriptions
    // Opening reads the same header first and needs the recipient: only worth it past both.
    if envelope.isSealed(for: recipient.certificate) { _ = try? opener.open(input, to: output) }
}
