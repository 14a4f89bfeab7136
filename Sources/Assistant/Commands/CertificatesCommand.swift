import ArgumentParser
import CoreTokens
import Foundation

/// `sceau-assistant certificates`: the signing certificates of the tokens and PKCS#12 files, and
/// whether each suits public procurement.
struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates",
        abstract: "List the signing certificates of the tokens (p11-kit) and PKCS#12 files, with their conformity."
    )

    @OptionGroup var tokens: TokenOptions

    @Option(help: "A PKCS#12 file to list too (passphrase from SCEAU_PKCS12_PASSWORD or pinentry); repeatable.")
    var pkcs12: [String] = []

    @OptionGroup var trust: TrustOptions
    @OptionGroup var pins: PINOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let catalog = CertificateCatalog(trustAnchors: try trust.anchors())
        let library = try tokens.library()
        var entries = await catalog.tokenCertificates(in: library)
        for path in pkcs12 {
            let passphrase = try await pins.passphrases.pin(
                for: PINRequest(
                    store: (path as NSString).lastPathComponent, purpose: "sceau-assistant certificates",
                    isPassphrase: true))
            let key = try SoftwareSigningKey(pkcs12: path, passphrase: passphrase ?? "")
            entries.append(await catalog.pkcs12Certificate(key, path: path))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
        } else {
            print(entries.isEmpty ? "No signing certificate found." : entries.map(Self.text).joined(separator: "\n"))
        }
    }

    private static func text(_ entry: CertificateEntry) -> String {
        let expiry = entry.certificate.notValidAfter.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year())
        let place: String
        switch entry.source {
        case .token(let label, let id, _): place = "token \"\(label)\", id \(id)"
        case .pkcs12(let path): place = path
        }
        var lines = [
            "\(entry.holder)  Emetteur : \(entry.issuer)  Date d'expiration : \(expiry)",
            "  \(place) — \(entry.keyType), \(entry.keyUsages.joined(separator: ", "))",
            entry.verdict.suitable ? "  Adapté pour les marchés publics" : "  Non adapté pour les marchés publics :",
        ]
        lines += entry.verdict.failures.map { "    - \($0.description)" }
        return lines.joined(separator: "\n")
    }
}
