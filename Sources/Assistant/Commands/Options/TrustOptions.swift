import ArgumentParser
import Foundation
import X509

/// `--trust CA.pem`: the trust anchors a command checks chains against.
struct TrustOptions: ParsableArguments {
    @Option(name: .customLong("trust"), help: "A trusted CA certificate (PEM, may hold several); repeatable.")
    var trustFiles: [String] = []

    /// Every certificate of the given files.
    func anchors() throws -> [Certificate] {
        try trustFiles.flatMap { path in
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ValidationError("Cannot read the trust file \(path): \(error.localizedDescription)")
            }
            let certificates = try PEMCertificates.parse(text)
            guard !certificates.isEmpty else { throw ValidationError("\(path) holds no PEM certificate.") }
            return certificates
        }
    }
}

/// Reads every `CERTIFICATE` block of a PEM text.
enum PEMCertificates {
    static func parse(_ text: String) throws -> [Certificate] {
        let marker = "-----END CERTIFICATE-----"
        return try text.components(separatedBy: marker).dropLast().map { block in
            try Certificate(pemEncoded: block + marker)
        }
    }
}
