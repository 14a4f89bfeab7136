/// `jobs.start` parameters: a remote job the platform issued, handed over unchanged by its page
/// (`PlatformAPI.RemoteJobOffer`), and for online opening the token holding the decryption key.
public struct JobsStartParams: Codable, Sendable, Equatable {
    /// The descriptor's JSON bytes, base64.
    public let descriptor: String
    /// The platform's signature over them, base64 DER.
    public let signature: String
    /// The one-time job token.
    public let jobToken: String
    /// The label of the token holding the decryption key, as `certificates.list` gives it; for online
    /// opening only, and optional when a single token is present.
    public let token: String?
    /// For a deposit (`depot`) that must be signed: the signing key's CKA_ID on `token`, as
    /// `certificates.list` gives it.
    public let key: String?
    /// For a deposit: the files the page sends next as binary frames, in this order.
    public let files: [JobFile]?

    public init(
        descriptor: String, signature: String, jobToken: String, token: String? = nil, key: String? = nil,
        files: [JobFile]? = nil
    ) {
        self.descriptor = descriptor
        self.signature = signature
        self.jobToken = jobToken
        self.token = token
        self.key = key
        self.files = files
    }
}

/// A file of a deposit announced in `jobs.start`: its envelope, plain name and size in bytes.
public struct JobFile: Codable, Sendable, Equatable {
    public let envelope: String
    public let name: String
    public let size: Int64

    public init(envelope: String, name: String, size: Int64) {
        self.envelope = envelope
        self.name = name
        self.size = size
    }
}

/// `jobs.start` result: the job's id (the descriptor's), under which `event.job` reports it.
public struct JobsStartResult: Codable, Sendable, Equatable {
    public let jobId: String
    /// Whether the assistant already knew this job and resumed it instead of starting it.
    public let resumed: Bool

    public init(jobId: String, resumed: Bool) {
        self.jobId = jobId
        self.resumed = resumed
    }
}
