import CoreCMS
import CoreTokens
import CoreXML
import Foundation

/// Signs files in one of the three formats with a key that stays in its store, writing each signature
/// next to its file (or in a chosen folder) under the seed's name `<name> - <yyyyMMddHHmmss> - Signature
/// <n>.<ext>`, never overwriting.
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
    public func sign(_ file: URL, outputDirectory: URL? = nil, at time: Date = Date()) async throws -> URL {
        var timestampClient: TimestampClient?
        if level == .timestamp {
            guard let timestampURL else { throw SignatureError.timestampAuthorityMissing }
            timestampClient = TimestampClient(url: timestampURL)
        }
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
        }
        return destination
    }
}
