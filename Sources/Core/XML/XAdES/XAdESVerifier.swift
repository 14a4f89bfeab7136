import CoreCMS
import CoreTokens
import Foundation
import X509

/// Verifies detached XML signatures (XAdES, or plain XML-DSig as `xmlsec1` makes them): hardened
/// parsing, each Reference resolved to exactly one target where it must be (against signature
/// wrapping), allowed transforms only (canonicalisations), the SignatureValue over the canonical
/// SignedInfo, the signing-certificate binding and the SignatureTimeStamp.
public enum XAdESVerifier {
    private static let dsig = XMLNamespaces.dsig
    private static let xades = XMLNamespaces.xades

    /// Checks the signature document `bytes`. External references resolve to `content` when given,
    /// else to files next to `location` (the signature file's own URL); a `content` given to a signature that
    /// references no external file is not covered by it (``XAdESProblem/contentNotCovered(_:)``).
    /// `externalDigest`, when given, replaces both: it returns the digest of the object a reference names
    /// (its URI decoded), or nil when there is no such object (an ASiC container's entries).
    public static func verify(
        _ bytes: [UInt8], location: URL?, content: URL?,
        externalDigest: ((_ name: String, _ algorithm: DigestAlgorithm) throws -> [UInt8]?)? = nil
    ) -> XAdESVerification {
        var problems: [XAdESProblem] = []
        func result(
            signer: Certificate? = nil, certificates: [Certificate] = [], time: Date? = nil,
            timestamp: TimestampReport? = nil, files: [String] = [], isXAdES: Bool = false
        ) -> XAdESVerification {
            XAdESVerification(
                signer: signer, certificates: certificates, claimedSigningTime: time, timestamp: timestamp,
                signedFiles: files, isXAdES: isXAdES, problems: problems)
        }
        let document: ParsedXMLDocument
        do {
            document = try ParsedXMLDocument.parse(bytes)
        } catch {
            problems.append(.unreadable(error.description))
            return result()
        }
        guard let root = document.root else {
            problems.append(.unreadable("no root element"))
            return result()
        }
        let everything = root.descendants
        let signatures = everything.filter { $0.isElement("Signature", in: dsig) }
        guard signatures.count == 1, let signature = signatures.first else {
            problems.append(.signatureCount(signatures.count))
            return result()
        }
        // Ids must be unique in the whole document: a duplicate is how wrapping attacks hide content.
        var byId: [String: [XMLElementView]] = [:]
        for element in everything {
            for name in ["Id", "ID", "id"] {
                if let id = element.attribute(name) { byId[id, default: []].append(element) }
            }
        }
        for (id, elements) in byId where elements.count > 1 { problems.append(.duplicateId(id)) }

        guard let signedInfo = signature.child("SignedInfo", in: dsig),
            let canonicalization = signedInfo.child("CanonicalizationMethod", in: dsig)?.attribute("Algorithm"),
            let methodURI = signedInfo.child("SignatureMethod", in: dsig)?.attribute("Algorithm"),
            let valueElement = signature.child("SignatureValue", in: dsig)
        else {
            problems.append(.missingElement("SignedInfo with its methods, or SignatureValue"))
            return result()
        }
        guard let signedInfoMethod = CanonicalizationMethod(rawValue: canonicalization) else {
            problems.append(.unsupportedAlgorithm(canonicalization))
            return result()
        }
        guard let method = XMLSignatureMethod(uri: methodURI) else {
            problems.append(.unsupportedAlgorithm(methodURI))
            return result()
        }

        // Qualifying properties: inside this signature's ds:Object, targeting this signature.
        let qualifying = signature.children("Object", in: dsig).flatMap {
            $0.children("QualifyingProperties", in: xades)
        }
        if qualifying.count > 1 { problems.append(.misplacedReference("several QualifyingProperties")) }
        let properties = qualifying.first
        if let properties, let signatureId = signature.attribute("Id"),
            properties.attribute("Target") != "#" + signatureId
        {
            problems.append(.misplacedReference("QualifyingProperties target another signature"))
        }
        let signedProperties = properties?.child("SignedProperties", in: xades)

        // References.
        var files: [String] = []
        var coversSignedProperties = false
        for reference in signedInfo.children("Reference", in: dsig) {
            guard let digestURI = reference.child("DigestMethod", in: dsig)?.attribute("Algorithm"),
                let digestAlgorithm = DigestAlgorithm.allCases.first(where: { $0.xmlURI == digestURI })
            else {
                problems.append(
                    .unsupportedAlgorithm(reference.child("DigestMethod", in: dsig)?.attribute("Algorithm") ?? "none"))
                continue
            }
            let expected = Data(
                base64Encoded: reference.child("DigestValue", in: dsig)?.text.filter { !$0.isWhitespace } ?? "")
            var transforms: [CanonicalizationMethod] = []
            for transform in reference.child("Transforms", in: dsig)?.children("Transform", in: dsig) ?? [] {
                let uri = transform.attribute("Algorithm") ?? ""
                guard let canonical = CanonicalizationMethod(rawValue: uri) else {
                    problems.append(.unsupportedAlgorithm("transform \(uri)"))
                    continue
                }
                transforms.append(canonical)
            }
            guard let uri = reference.attribute("URI"), !uri.isEmpty else {
                problems.append(.unsupportedAlgorithm("a reference to the whole document (enveloped signature)"))
                continue
            }
            if uri.hasPrefix("#") {
                let id = String(uri.dropFirst())
                guard let targets = byId[id], targets.count == 1, let target = targets.first else {
                    problems.append(.misplacedReference("\(uri) designates no single element"))
                    continue
                }
                let isProperties = target.isElement("SignedProperties", in: xades)
                if isProperties || reference.attribute("Type") == XMLNamespaces.signedPropertiesType {
                    guard let signedProperties, target.isSameNode(as: signedProperties) else {
                        problems.append(
                            .misplacedReference("\(uri) is not the SignedProperties of this signature's Object"))
                        continue
                    }
                    coversSignedProperties = true
                } else if !isInside(target, signature) {
                    problems.append(.misplacedReference("\(uri) points outside the signature"))
                    continue
                }
                do {
                    let canonical = try target.canonicalForm(transforms.last ?? .inclusive)
                    if Data(digestAlgorithm.digest(canonical)) != expected {
                        problems.append(.referenceDigestMismatch(isProperties ? "the signed properties" : uri))
                    }
                } catch {
                    problems.append(.unreadable(error.description))
                }
            } else {
                guard transforms.isEmpty else {
                    problems.append(.unsupportedAlgorithm("transforms on the external reference \(uri)"))
                    continue
                }
                let name = uri.removingPercentEncoding ?? uri
                files.append(name)
                if let externalDigest {
                    do {
                        guard let digest = try externalDigest(name, digestAlgorithm) else {
                            problems.append(.contentMissing(name))
                            continue
                        }
                        if Data(digest) != expected {
                            problems.append(.referenceDigestMismatch("the signed file \"\(name)\""))
                        }
                    } catch {
                        problems.append(.contentUnreadable(name: name, reason: "\(error)"))
                    }
                    continue
                }
                let candidate =
                    content ?? location?.deletingLastPathComponent().appendingPathComponent(name)
                guard let file = candidate, !name.contains("/") || content != nil,
                    FileManager.default.isReadableFile(atPath: file.path)
                else {
                    problems.append(.contentMissing(name))
                    continue
                }
                do {
                    if Data(try digestAlgorithm.digest(ofFileAt: file)) != expected {
                        problems.append(.referenceDigestMismatch("the signed file \"\(name)\""))
                    }
                } catch {
                    problems.append(.contentMissing("\(name) (\(error))"))
                }
            }
        }
        if let content, files.isEmpty { problems.append(.contentNotCovered(content.lastPathComponent)) }
        if properties != nil, !coversSignedProperties {
            problems.append(.missingElement("reference to its SignedProperties"))
        }

        // Certificates and the signer.
        let certificates =
            signature.child("KeyInfo", in: dsig).map { keyInfo in
                keyInfo.descendants.filter { $0.isElement("X509Certificate", in: dsig) }.compactMap { element in
                    Data(base64Encoded: element.text.filter { !$0.isWhitespace }).flatMap {
                        try? Certificate(derEncoded: Array($0))
                    }
                }
            } ?? []
        let signedSignatureProperties = signedProperties?.child("SignedSignatureProperties", in: xades)
        var signer: Certificate?
        if let binding = signedSignatureProperties?.child("SigningCertificateV2", in: xades)
            ?? signedSignatureProperties?.child("SigningCertificate", in: xades)
        {
            signer = certificates.first { certificate in
                binding.children("Cert", in: xades).contains { matches(certificate, cert: $0) }
            }
            if signer == nil { problems.append(.signerCertificateMissing) }
        } else if properties != nil {
            problems.append(.missingElement("SigningCertificateV2"))
        }
        let signatureValue = Array(Data(base64Encoded: valueElement.text.filter { !$0.isWhitespace }) ?? Data())
        if signer == nil, properties == nil {
            // Plain XML-DSig: the certificate whose key verifies.
            signer = certificates.first { verifies(signatureValue, signedInfo, signedInfoMethod, method, $0) }
            if signer == nil, certificates.isEmpty { problems.append(.signerCertificateMissing) }
        }
        if let signer, !verifies(signatureValue, signedInfo, signedInfoMethod, method, signer) {
            problems.append(.signatureInvalid)
        } else if signer == nil, properties == nil, !certificates.isEmpty {
            problems.append(.signatureInvalid)
        }

        let time = signedSignatureProperties?.child("SigningTime", in: xades).flatMap { parseDateTime($0.text) }

        // SignatureTimeStamp over the canonical SignatureValue.
        var timestamp: TimestampReport?
        let stamps =
            properties?.child("UnsignedProperties", in: xades)?
            .child("UnsignedSignatureProperties", in: xades)?.children("SignatureTimeStamp", in: xades) ?? []
        if let stamp = stamps.first,
            let encapsulated = stamp.child("EncapsulatedTimeStamp", in: xades),
            let token = Data(base64Encoded: encapsulated.text.filter { !$0.isWhitespace })
        {
            let method =
                stamp.child("CanonicalizationMethod", in: dsig)?.attribute("Algorithm").flatMap(
                    CanonicalizationMethod.init(rawValue:)) ?? .inclusive
            let canonicalValue = (try? valueElement.canonicalForm(method)) ?? []
            let report = CMSSignatureVerifier.verifyTimestamp(Array(token)) { $0.digest(canonicalValue) }
            if let failure = report.problems.first { problems.append(.timestampInvalid(failure.description)) }
            timestamp = report
        }
        return result(
            signer: signer, certificates: certificates, time: time, timestamp: timestamp, files: files,
            isXAdES: properties != nil)
    }

    private static func isInside(_ element: XMLElementView, _ ancestor: XMLElementView) -> Bool {
        ancestor.descendants.contains { $0.isSameNode(as: element) }
    }

    /// Whether `certificate` is the one a xades:Cert (CertDigest, IssuerSerial(V2)) names.
    private static func matches(_ certificate: Certificate, cert: XMLElementView) -> Bool {
        guard let digest = cert.child("CertDigest", in: xades),
            let uri = digest.child("DigestMethod", in: dsig)?.attribute("Algorithm"),
            let value = digest.child("DigestValue", in: dsig).flatMap({
                Data(base64Encoded: $0.text.filter { !$0.isWhitespace })
            }),
            let der = try? XAdESSigner.der(certificate)
        else { return false }
        if let algorithm = DigestAlgorithm.allCases.first(where: { $0.xmlURI == uri }) {
            return Data(algorithm.digest(der)) == value
        }
        return false
    }

    private static func verifies(
        _ signature: [UInt8], _ signedInfo: XMLElementView, _ canonicalization: CanonicalizationMethod,
        _ method: XMLSignatureMethod, _ certificate: Certificate
    ) -> Bool {
        guard let canonical = try? signedInfo.canonicalForm(canonicalization) else { return false }
        return SignatureVerifier.isValid(
            signature: signature, digest: method.digestAlgorithm.digest(canonical),
            digestAlgorithm: method.digestAlgorithm, scheme: method.scheme, publicKey: certificate.publicKey)
    }

    /// An xsd:dateTime (with Z or an offset; fractional seconds allowed).
    static func parseDateTime(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: trimmed)
    }
}
