import CoreCMS
import CoreTokens
import CoreXML
import Foundation

/// Signs files in one of the three formats (or into an ASiC-E container) with a key that stays in its
/// store, writing each signature next to its file (or in a chosen folder) under the seed's name
/// `<name> - <yyyyMMddHHmmss> - Signature <n>.<ext>`, never overwriting.
public struct DocumentSigner: Sendable {
    public let key: any SigningKey
    public var format: SignatureFormat
    public var level: SignatureLevel
    public var digestAlgorithm: DigestAlgorithm
    /// The scheme; the key's default (PKCS#1 v1.5 for RSA, ECDSA for EC) when nil.
    public var scheme: SignatureScheme?
    /// The TSA for level B-T.
    public var timestampURL: URL?
    /// CAdES only: an existing signature of the file to co-sign (a new file holding its signers and this one).
    public var cosigning: URL?

    public init(
        key: any SigningKey, format: SignatureFormat, level: SignatureLevel = .basic,
        digestAlgorithm: DigestAlgorithm = .sha256, scheme: SignatureScheme? = nil, timestampURL: URL? = nil
    ) {
        self.key = key
        self.format = format
        self.level = level
        self.digestAlgorithm = digestAlgorithm
        self.scheme = scheme
        self.timestampURL = timestampURL
    }

    /// Signs `file` and returns the signature's location.
    /// In ASiC-E, a container of `file` alone, or, when `file` is an ASiC-E container (``ASiCE/looksLikeContainer(_:)``),
    /// a copy of it with one more, parallel, signature.
    public func sign(_ file: URL, outputDirectory: URL? = nil, at time: Date = Date()) async throws -> URL {
        let timestampClient = try makeTimestampClient()
        let destination = SignatureOutputName.destination(
            for: file, format: format, at: time, in: outputDirectory)
        switch format {
        case .cades:
            let signer = try CAdESSigner(
                key: key, digestAlgorithm: digestAlgorithm, scheme: scheme, timestampClient: timestampClient)
            let signature: [UInt8]
            if let cosigning {
                signature = try await signer.cosign(
                    existing: Array(try Data(contentsOf: cosigning)), contentAt: file, at: time)
            } else {
                signature = try await signer.signDetached(fileAt: file, at: time)
            }
            try SignatureOutputFile.write(signature, to: destination)
        case .xades:
            let signer = try XAdESSigner(
                key: key, digestAlgorithm: digestAlgorithm, scheme: scheme, timestampClient: timestampClient)
            try SignatureOutputFile.write(try await signer.sign(fileAt: file, at: time), to: destination)
        case .pades:
            let signer = try PAdESSigner(
                key: key, digestAlgorithm: digestAlgorithm, scheme: scheme, timestampClient: timestampClient)
            try await signer.sign(file, to: destination, at: time)
        case .asice:
            let signer = ASiCESigner(
                signer: try XAdESSigner(
                    key: key, digestAlgorithm: digestAlgorithm, scheme: scheme, timestampClient: timestampClient))
            if ASiCE.looksLikeContainer(file) {
                try await signer.addSignature(to: file, writingTo: destination, at: time)
            } else {
                try await signer.sign(files: [file], to: destination, at: time)
            }
        }
        return destination
    }

    /// Signs every one of `files` in one new ASiC-E container (XAdES at this signer's level), written into
    /// `outputDirectory` as `Conteneur - <yyyyMMddHHmmss> - Signature <n>.asice` (named after the file when
    /// there is one), and returns its location.
    public func signContainer(of files: [URL], outputDirectory: URL, at time: Date = Date()) async throws -> URL {
        let destination =
            files.count == 1
            ? SignatureOutputName.destination(for: files[0], format: .asice, at: time, in: outputDirectory)
            : SignatureOutputName.containerDestination(at: time, in: outputDirectory)
        let signer = ASiCESigner(
            signer: try XAdESSigner(
                key: key, digestAlgorithm: digestAlgorithm, scheme: scheme, timestampClient: try makeTimestampClient()))
        try await signer.sign(files: files, to: destination, at: time)
        return destination
    }

    private func makeTimestampClient() throws -> TimestampClient? {
        guard level == .timestamp else { return nil }
        guard let timestampURL else { throw SignatureError.timestampAuthorityMissing }
        return TimestampClient(url: timestampURL)
    }
}
