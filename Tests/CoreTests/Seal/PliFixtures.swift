import CoreSeal
import CoreTokens
import Crypto
import Foundation
import TestSupport
import X509

/// The test PKI's encryption keys and certificates, and a scratch directory, for the sealing tests.
struct PliFixtures {
    let pki: URL
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-seal-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    func removeWork() { try? FileManager.default.removeItem(at: work) }

    func certificate(_ name: String) throws -> Certificate {
        try Certificate(pemEncoded: String(contentsOf: pki.appendingPathComponent("\(name).pem"), encoding: .utf8))
    }

    func key(_ name: String) throws -> SoftwareDecryptionKey {
        try SoftwareDecryptionKey(pkcs12: pki.appendingPathComponent("\(name).p12").path, passphrase: "test1234")
    }

    /// A file of `size` random bytes, written in 1 MiB chunks.
    func randomFile(_ name: String, size: Int) throws -> URL {
        let url = work.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var generator = SystemRandomNumberGenerator()
        var remaining = size
        while remaining > 0 {
            let count = min(remaining, 1 << 20)
            let words = (0..<(count + 7) / 8).map { _ in generator.next() }
            try handle.write(contentsOf: words.withUnsafeBytes { Data($0.prefix(count)) })
            remaining -= count
        }
        return url
    }

    /// The SHA-256 of a file, read in 1 MiB chunks.
    func sha256(_ url: URL) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        return Array(hash.finalize())
    }

    /// Decrypts `sealed` with `openssl cms -decrypt` and the PEM certificate and key of `name`.
    func opensslDecrypt(_ sealed: URL, as name: String) throws -> URL {
        let output = work.appendingPathComponent("\(sealed.lastPathComponent).\(name).openssl")
        try run(
            "/usr/bin/openssl",
            [
                "cms", "-decrypt", "-binary", "-inform", "DER", "-in", sealed.path, "-out", output.path,
                "-recip", pki.appendingPathComponent("\(name).pem").path,
                "-inkey", pki.appendingPathComponent("\(name).key").path,
            ])
        return output
    }

    /// Encrypts `plain` with `openssl cms -encrypt` and `arguments` (cipher, recipients, key options).
    func opensslEncrypt(_ plain: URL, _ arguments: [String]) throws -> URL {
        let output = work.appendingPathComponent("\(plain.lastPathComponent).\(UUID()).p7m")
        try run(
            "/usr/bin/openssl",
            ["cms", "-encrypt", "-binary", "-outform", "DER", "-in", plain.path, "-out", output.path] + arguments)
        return output
    }

    /// The files left in the scratch directory whose name contains `fragment` (temporary files included).
    func files(containing fragment: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains(fragment) }
    }
}
