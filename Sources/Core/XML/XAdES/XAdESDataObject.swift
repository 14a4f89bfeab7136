/// One detached object a signature covers: its URI in the signature (a relative reference, percent-encoded),
/// the digest of its bytes and the MIME type announced in its DataObjectFormat.
public struct XAdESDataObject: Sendable, Equatable {
    public let uri: String
    public let digest: [UInt8]
    public let mimeType: String

    public init(uri: String, digest: [UInt8], mimeType: String) {
        self.uri = uri
        self.digest = digest
        self.mimeType = mimeType
    }
}
