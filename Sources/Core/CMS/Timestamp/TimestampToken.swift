import SwiftASN1

/// An RFC 3161 time-stamp token: a SignedData whose content is a ``TSTInfo``, signed by the TSA.
public struct TimestampToken: Sendable {
    public let signedData: CMSSignedData
    public let info: TSTInfo
    /// The DER of the TSTInfo, the content the TSA's signature covers.
    public let infoDER: [UInt8]

    public init(derEncoded bytes: [UInt8]) throws {
        signedData = try CMSSignedData(contentInfo: bytes)
        guard signedData.contentType == .CMS.tstInfo, let content = signedData.content else {
            throw CMSError.malformed("a time-stamp token must hold a TSTInfo")
        }
        infoDER = content
        info = try TSTInfo(derEncoded: content)
    }
}
