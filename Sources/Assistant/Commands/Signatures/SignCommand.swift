import ArgumentParser
import CoreSignatures
import CoreTokens
import Foundation

/// `sceau-assistant sign`: signs files in PAdES, CAdES or XAdES with a key on a token or in a PKCS#12,
/// as the seed's signature wizard does, or puts them in one ASiC-E container; the key is opened once for
/// the whole batch.
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign files (PAdES, CAdES, XAdES or an ASiC-E container) with a key on a token or in a PKCS#12 file.",
        discussion: """
            Each signature is written next to its file (or into --out) as "<name> - <yyyyMMddHHmmss> - \
            Signature <n>.<ext>", never overwriting. The PIN comes from SCEAU_PIN or pinentry, the PKCS#12 \
            passphrase from SCEAU_PKCS12_PASSWORD or pinentry.

            --format asice puts all the files into ONE ASiC-E container (stored under their own names, \
            with META-INF/signatures0.xml holding one XAdES signature over all of them), written into --out \
            (default: the first file's folder) as "Conteneur - <yyyyMMddHHmmss> - Signature <n>.asice" \
            ("<name> - … .asice" for a single file). Signing again: when the ONLY file given is an ASiC-E \
            container (a .asice or .sce file that is a ZIP archive), a parallel signature over every file it \
            holds is added as META-INF/signatures<n>.xml, in a NEW container "<container name> - \
            <yyyyMMddHHmmss> - Signature <n>.asice"; the original is never changed. Given with other files, \
            a container is just one more file to put in the new container.
            """
    )

    @Option(help: "pades, cades, xades, or asice (one container of all the files).")
    var format: SignatureFormat

    @Option(help: "b-b (default) or b-t (with a signature time-stamp from --tsa).")
    var level: SignatureLevel = .basic

    @Option(help: "The RFC 3161 time-stamping authority for b-t (default: $SCEAU_TSA_URL).")
    var tsa: String?

    @Option(help: "The token holding the signing key.")
    var token: String?

    @Option(help: "A PKCS#12 file holding the signing key.")
    var pkcs12: String?

    @Option(help: "The key: its CKA_ID (hex) or label on the token (default: the token's only signing key).")
    var key: String?

    @Option(help: "sha-256 (default), sha-384 or sha-512.")
    var digest: DigestAlgorithm = .sha256

    @Option(help: "rsa-pkcs1, rsa-pss or ecdsa (default: the key's usual scheme).")
    var scheme: SignatureScheme?

    @Option(help: "Write the signatures (or the container) into this folder instead of next to each file.")
    var out: String?

    @Option(
        help: ArgumentHelp(
            "CAdES: co-sign this existing .p7s of the file (a new .p7s holds its signers and yours).",
            valueName: "EXISTING.p7s"))
    var cosign: String?

    @Argument(help: "The files to sign.")
    var files: [String]

    @OptionGroup var tokens: TokenOptions
    @OptionGroup var pins: PINOptions

    func validate() throws {
        guard (token == nil) != (pkcs12 == nil) else { throw ValidationError("Give either --token or --pkcs12.") }
        guard !files.isEmpty else { throw ValidationError("Give at least one file to sign.") }
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("\(file) cannot be read: check the path.")
        }
        if let cosign {
            guard format == .cades else { throw ValidationError("--cosign is for --format cades.") }
            guard files.count == 1 else { throw ValidationError("--cosign signs one file: the one \(cosign) signs.") }
            guard FileManager.default.isReadableFile(atPath: cosign) else {
                throw ValidationError("\(cosign) cannot be read: check the path.")
            }
        }
        if level == .timestamp, timestampURL == nil {
            throw ValidationError("Level b-t needs a time-stamping authority: give --tsa URL (or SCEAU_TSA_URL).")
        }
    }

    private var timestampURL: URL? {
        (tsa ?? ProcessInfo.processInfo.environment["SCEAU_TSA_URL"]).flatMap { URL(string: $0) }
    }

    func run() async throws {
        let purpose = "sceau-assistant sign (\(files.count) fichier(s), \(format.rawValue.uppercased()))"
        let signingKey: any SigningKey
        if let token {
            signingKey = try await KeyOpener.token(
                token, key: key, library: try tokens.library(), pins: pins.tokenPINs, purpose: purpose)
        } else if let pkcs12 {
            signingKey = try await KeyOpener.pkcs12(pkcs12, passphrases: pins.passphrases, purpose: purpose)
        } else {
            return
        }
        var signer = DocumentSigner(
            key: signingKey, format: format, level: level, digestAlgorithm: digest, scheme: scheme,
            timestampURL: timestampURL)
        signer.cosigning = cosign.map { URL(fileURLWithPath: $0) }
        let directory = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let urls = files.map { URL(fileURLWithPath: $0) }
        if format == .asice, urls.count > 1 || !ASiCE.looksLikeContainer(urls[0]) {
            let folder = directory ?? urls[0].deletingLastPathComponent()
            print(try await signer.signContainer(of: urls, outputDirectory: folder).path)
            return
        }
        var failures = 0
        for file in files {
            do {
                let written = try await signer.sign(URL(fileURLWithPath: file), outputDirectory: directory)
                print(written.path)
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

extension SignatureFormat: ExpressibleByArgument {}
extension SignatureLevel: ExpressibleByArgument {}
extension DigestAlgorithm: ExpressibleByArgument {}
extension SignatureScheme: ExpressibleByArgument {}
