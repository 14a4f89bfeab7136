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

    public init(descriptor: String, signature: String, jobToken: String, token: String? = nil) {
        self.descriptor = descriptor
        self.signature = signature
        self.jobToken = jobToken
        self.token = token
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
