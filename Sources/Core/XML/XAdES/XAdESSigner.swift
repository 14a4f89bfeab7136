import CoreCMS
import CoreTokens
import Foundation
import SwiftASN1
import X509

/// Makes detached XAdES baseline signatures (ETSI EN 319 132-1): a standalone `ds:Signature` document
/// whose first Reference names the signed file (relative URI, digest of its bytes, streamed) and whose
/// second covers the SignedProperties (SigningTime, SigningCertificateV2, DataObjectFormat), with
/// exclusive canonicalisation computed by libxml2 on the document as it will be written. At level B-T a
/// SignatureTimeStamp over the canonical SignatureValue is added.
public struct XAdESSigner: Sendable {
    public let key: any SigningKey
    public var digestAlgorithm: DigestAlgorithm
    public var scheme: SignatureScheme
    public var timestampClient: TimestampClient?

    public init(
        key: any SigningKey, digestAlgorithm: DigestAlgorithm = .sha256, scheme: SignatureScheme? = nil,
        timestampClient: TimestampClient? = nil
    ) throws(XMLSignatureError) {
        guard let chosen = scheme ?? key.keyType.defaultScheme else {
            throw .unsafeOrMalformed("no signature scheme for a \(key.keyType) key")
        }
        self.key = key
        self.digestAlgorithm = digestAlgorithm
        self.scheme = chosen
        self.timestampClient = timestampClient
    }

    /// The signature document for `file`, as UTF-8 bytes.
    public func sign(fileAt file: URL, mimeType: String? = nil, at time: Date = Date()) async throws -> [UInt8] {
        let object = XAdESDataObject(
            uri: Self.relativeURI(file.lastPathComponent), digest: try digestAlgorithm.digest(ofFileAt: file),
            mimeType: mimeType ?? Self.mimeType(of: file))
        return try await sign([object], at: time)
    }

    /// A signature document whose detached References cover every one of `objects` (digests made with
    /// ``digestAlgorithm``), wrapped in `asic:XAdESSignatures` for an ASiC container when `inASiCContainer`.
    public func sign(_ objects: [XAdESDataObject], inASiCContainer: Bool = false, at time: Date = Date())
        async throws -> [UInt8]
    {
        guard !objects.isEmpty else { throw XMLSignatureError.unsafeOrMalformed("nothing to sign") }
        let identifier = UUID().uuidString.lowercased()
        var parts = XAdESDocument(
            identifier: identifier, objects: objects, inASiCContainer: inASiCContainer,
            digestAlgorithm: digestAlgorithm,
            method: XMLSignatureMethod(scheme: scheme, digestAlgorithm: digestAlgorithm),
            certificates: try ([key.certificate] + key.chain).map(Self.der),
            signingTime: time, signingCertificate: try SigningCertificateV2(key.certificate))

        // The SignedProperties' digest, taken from the document as written.
        let first = try ParsedXMLDocument.parse(parts.render())
        parts.signedPropertiesDigest = digestAlgorithm.digest(
            try first.canonicalFormOfElement(withId: parts.signedPropertiesId, method: .exclusive))

        // The signature over the canonical SignedInfo.
        let second = try ParsedXMLDocument.parse(parts.render())
        let signedInfo = try second.canonicalFormOfElement(withId: parts.signedInfoId, method: .exclusive)
        parts.signatureValue = try key.sign(
            digest: digestAlgorithm.digest(signedInfo), digestAlgorithm: digestAlgorithm, scheme: scheme)

        if let timestampClient {
            let third = try ParsedXMLDocument.parse(parts.render())
            let value = try third.canonicalFormOfElement(withId: parts.signatureValueId, method: .exclusive)
            parts.timestampToken = try await timestampClient.timestampToken(
                digest: digestAlgorithm.digest(value), algorithm: digestAlgorithm)
        }
        let document = parts.render()
        _ = try ParsedXMLDocument.parse(document)
        return document
    }

    /// A file name (or a `/`-separated path in a container) as a relative URI reference (RFC 3986):
    /// unreserved characters and `/` kept, others escaped.
    public static func relativeURI(_ name: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~!$'()*+,;=@/")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(certificate)
        return coder.serializedBytes
    }

    /// The MIME type announced in DataObjectFormat, from the file's extension.
    public static func mimeType(of file: URL) -> String {
        switch file.pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "xml": "text/xml"
        case "txt": "text/plain"
        case "zip": "application/zip"
        case "doc": "application/msword"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xls": "application/vnd.ms-excel"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "odt": "application/vnd.oasis.opendocument.text"
        case "ods": "application/vnd.oasis.opendocument.spreadsheet"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }
}

/// The SigningCertificateV2 of a certificate: SHA-256 digest and base64 DER IssuerSerial.
struct SigningCertificateV2 {
    let digest: [UInt8]
    let issuerSerial: [UInt8]

    init(_ certificate: Certificate) throws {
        let der = try XAdESSigner.der(certificate)
        digest = DigestAlgorithm.sha256.digest(der)
        var coder = DER.Serializer()
        try coder.serialize(IssuerSerial(issuer: certificate.issuer, serial: certificate.serialNumber))
        issuerSerial = coder.serializedBytes
    }
}
