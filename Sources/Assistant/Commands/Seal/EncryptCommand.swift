import ArgumentParser
import CoreSeal
import CoreTokens
import Foundation
import X509

/// `sceau-assistant encrypt`: seals a file for the encryption certificates of a buying service (and its
/// backup keys), as the bidder's deposit does.
struct EncryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Seal a file (CMS) for one or more encryption certificates.",
        discussion: """
            The output is a CMS AuthEnvelopedData (AES-256-GCM, the default) or EnvelopedData (AES-256-CBC), \
            written while the input is read; any recipient's key opens it (see docs/pli-format.md).
            """
    )

    @Option(
        name: .customLong("recipient"), parsing: .upToNextOption,
        help: "An encryption certificate (PEM or DER; a PEM file may hold several); repeatable.")
    var recipients: [String] = []

    @Option(help: "aes-256-gcm (default) or aes-256-cbc.")
    var cipher: CipherChoice = .aes256GCM

    @Flag(help: "RSA key transport padding: OAEP with SHA-256 (default) or PKCS#1 v1.5 for older readers.")
    var padding: PaddingChoice = .oaep

    @Flag(help: "Name recipients by subject key identifier instead of issuer and serial number.")
    var subjectKeyIdentifier = false

    @Flag(help: "Replace OUT if it exists.")
    var force = false

    @Argument(help: "The file to seal.")
    var input: String?

    @Option(help: "The sealed file to write (conventionally the input's name plus .p7m).")
    var out: String

    /// `--recipient A.pem B.pem IN --out OUT`: the values after `--recipient` run up to the next option,
    /// so the file to seal is the last of them when no other argument is left.
    private var operands: (recipients: [String], input: String)? {
        if let input { return (recipients, input) }
        guard recipients.count >= 2, let last = recipients.last else { return nil }
        return (Array(recipients.dropLast()), last)
    }

    func validate() throws {
        guard !recipients.isEmpty else { throw ValidationError("Give at least one --recipient CERT.pem.") }
        guard operands != nil else { throw ValidationError("Give the file to seal after the recipients.") }
    }

    func run() async throws {
        guard let (recipients, input) = operands else { return }
        let certificates = try recipients.flatMap { try CertificateFiles.read($0) }
        if !force, FileManager.default.fileExists(atPath: out) {
            throw ValidationError("\(out) exists already: choose another name, or add --force to replace it.")
        }
        let sealer = PliSealer(
            recipients: certificates, cipher: cipher.sealCipher,
            rsaPadding: padding == .oaep ? .oaep(hash: .sha256, mgfHash: .sha256) : .pkcs1v15,
            recipientIdentifier: subjectKeyIdentifier ? .subjectKeyIdentifier : .issuerAndSerialNumber)
        let digest = try sealer.seal(URL(fileURLWithPath: input), to: URL(fileURLWithPath: out))
        print(
            "Sealed \(input) (\(digest.size) bytes, SHA-256 \(digest.sha256Hex)) for \(certificates.count) "
                + "recipient(s) into \(out).")
    }
}

/// The `--cipher` values.
enum CipherChoice: String, ExpressibleByArgument, CaseIterable {
    case aes256GCM = "aes-256-gcm"
    case aes256CBC = "aes-256-cbc"

    var sealCipher: SealCipher { self == .aes256GCM ? .aes256GCM : .aes256CBC }
}

/// `--oaep` / `--pkcs1`.
enum PaddingChoice: String, EnumerableFlag {
    case oaep
    case pkcs1
}

/// Reads certificate files given on the command line: PEM (one or several) or DER.
enum CertificateFiles {
    static func read(_ path: String) throws -> [Certificate] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read the certificate file \(path): check the path and its permissions.")
        }
        if let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") {
            return try PEMCertificates.parse(text)
        }
        do {
            return [try Certificate(derEncoded: Array(data))]
        } catch {
            throw ValidationError("\(path) is neither a PEM nor a DER certificate.")
        }
    }
}
