import CoreCMS
import CoreModel
import CoreTokens
import Foundation

/// The text of a detached XAdES signature, rendered from its parts at each step of signing (digests and
/// signature value filled in as they become known). Compact: no whitespace between elements.
struct XAdESDocument {
    let identifier: String
    /// The signed files, each a detached Reference with its DataObjectFormat.
    let objects: [XAdESDataObject]
    /// Whether the signature is wrapped in `asic:XAdESSignatures`, as ASiC containers hold it (EN 319 162-1).
    var inASiCContainer = false
    let digestAlgorithm: DigestAlgorithm
    let method: XMLSignatureMethod
    let certificates: [[UInt8]]
    let signingTime: Date
    let signingCertificate: SigningCertificateV2
    var signedPropertiesDigest: [UInt8] = []
    var signatureValue: [UInt8] = []
    var timestampToken: [UInt8]?

    var signatureId: String { "sig-\(identifier)" }
    var signedInfoId: String { "signedinfo-\(identifier)" }
    /// The Id of the Reference of the `index`th file (the first keeps the single-file form).
    func fileReferenceId(_ index: Int) -> String { index == 0 ? "ref-\(identifier)" : "ref-\(identifier)-\(index)" }
    var signedPropertiesId: String { "xades-\(identifier)" }
    var signatureValueId: String { "value-\(identifier)" }

    func render() -> [UInt8] {
        let exclusive = CanonicalizationMethod.exclusive.rawValue
        let digestURI = digestAlgorithm.xmlURI
        var text = #"<?xml version="1.0" encoding="UTF-8"?>"#
        if inASiCContainer { text += #"<asic:XAdESSignatures xmlns:asic="\#(XMLNamespaces.asic)">"# }
        text += #"<ds:Signature xmlns:ds="\#(XMLNamespaces.dsig)" Id="\#(signatureId)">"#
        text += #"<ds:SignedInfo Id="\#(signedInfoId)">"#
        text += #"<ds:CanonicalizationMethod Algorithm="\#(exclusive)"/>"#
        text += #"<ds:SignatureMethod Algorithm="\#(method.uri)"/>"#
        for (index, object) in objects.enumerated() {
            text += #"<ds:Reference Id="\#(fileReferenceId(index))" URI="\#(escapeHTML(object.uri))">"#
            text += #"<ds:DigestMethod Algorithm="\#(digestURI)"/>"#
            text += "<ds:DigestValue>\(base64(object.digest))</ds:DigestValue></ds:Reference>"
        }
        text += ##"<ds:Reference Type="\##(XMLNamespaces.signedPropertiesType)" URI="#\##(signedPropertiesId)">"##
        text += #"<ds:Transforms><ds:Transform Algorithm="\#(exclusive)"/></ds:Transforms>"#
        text += #"<ds:DigestMethod Algorithm="\#(digestURI)"/>"#
        text += "<ds:DigestValue>\(base64(signedPropertiesDigest))</ds:DigestValue></ds:Reference>"
        text += "</ds:SignedInfo>"
        text += #"<ds:SignatureValue Id="\#(signatureValueId)">\#(base64(signatureValue))</ds:SignatureValue>"#
        text += "<ds:KeyInfo><ds:X509Data>"
        for certificate in certificates { text += "<ds:X509Certificate>\(base64(certificate))</ds:X509Certificate>" }
        text += "</ds:X509Data></ds:KeyInfo>"
        text +=
            ##"<ds:Object><xades:QualifyingProperties xmlns:xades="\##(XMLNamespaces.xades)" Target="#\##(signatureId)">"##
        text += #"<xades:SignedProperties Id="\#(signedPropertiesId)"><xades:SignedSignatureProperties>"#
        text += "<xades:SigningTime>\(Self.dateTime(signingTime))</xades:SigningTime>"
        text += "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>"
        text += #"<ds:DigestMethod Algorithm="\#(DigestAlgorithm.sha256.xmlURI)"/>"#
        text += "<ds:DigestValue>\(base64(signingCertificate.digest))</ds:DigestValue></xades:CertDigest>"
        text += "<xades:IssuerSerialV2>\(base64(signingCertificate.issuerSerial))</xades:IssuerSerialV2>"
        text += "</xades:Cert></xades:SigningCertificateV2></xades:SignedSignatureProperties>"
        text += "<xades:SignedDataObjectProperties>"
        for (index, object) in objects.enumerated() {
            text += ##"<xades:DataObjectFormat ObjectReference="#\##(fileReferenceId(index))">"##
            text += "<xades:MimeType>\(escapeHTML(object.mimeType))</xades:MimeType></xades:DataObjectFormat>"
        }
        text += "</xades:SignedDataObjectProperties></xades:SignedProperties>"
        if let timestampToken {
            text += "<xades:UnsignedProperties><xades:UnsignedSignatureProperties>"
            text += #"<xades:SignatureTimeStamp Id="ts-\#(identifier)">"#
            text += #"<ds:CanonicalizationMethod Algorithm="\#(exclusive)"/>"#
            text += "<xades:EncapsulatedTimeStamp>\(base64(timestampToken))</xades:EncapsulatedTimeStamp>"
            text += "</xades:SignatureTimeStamp></xades:UnsignedSignatureProperties></xades:UnsignedProperties>"
        }
        text += "</xades:QualifyingProperties></ds:Object></ds:Signature>"
        if inASiCContainer { text += "</asic:XAdESSignatures>" }
        text += "\n"
        return Array(text.utf8)
    }

    private func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0,
            p.second ?? 0)
    }
}
