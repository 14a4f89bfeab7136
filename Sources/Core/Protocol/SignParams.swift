/// `sign` parameters: the file that follows in binary frames, the format, and the token key.
public struct SignParams: Codable, Sendable, Equatable {
    /// `pades`, `cades` or `xades`.
    public let format: String
    /// `b-b` (default) or `b-t` (with the assistant's configured time-stamping authority).
    public let level: String?
    /// The label of the token holding the key, and the key's CKA_ID (hex) as `certificates.list` gives them.
    public let token: String
    public let key: String
    /// The file's name (no folder), shown in the PIN dialog and used to name the signature.
    public let fileName: String
    /// The file's size in bytes: exactly this many bytes follow in binary frames.
    public let size: Int64
    /// `sha-256` (default), `sha-384` or `sha-512`.
    public let digest: String?

    public init(
        format: String, level: String? = nil, token: String, key: String, fileName: String, size: Int64,
        digest: String? = nil
    ) {
        self.format = format
        self.level = level
        self.token = token
        self.key = key
        self.fileName = fileName
        self.size = size
        self.digest = digest
    }
}

/// `sign` result; the signature's bytes came as binary frames just before it.
public struct SignResult: Codable, Sendable, Equatable {
    public let jobId: String
    /// The signature's name as the seed names it: `<name> - <yyyyMMddHHmmss> - Signature 1.<ext>`.
    public let fileName: String
    public let size: Int64
    /// Hex SHA-256 of the signature file, to check what arrived.
    public let sha256: String

    public init(jobId: String, fileName: String, size: Int64, sha256: String) {
        self.jobId = jobId
        self.fileName = fileName
        self.size = size
        self.sha256 = sha256
    }
}

/// `verify` parameters: the signed file, then (detached signatures) the content, follow in binary frames.
public struct VerifyParams: Codable, Sendable, Equatable {
    public let fileName: String
    public let size: Int64
    public let contentName: String?
    public let contentSize: Int64?

    public init(fileName: String, size: Int64, contentName: String? = nil, contentSize: Int64? = nil) {
        self.fileName = fileName
        self.size = size
        self.contentName = contentName
        self.contentSize = contentSize
    }
}
