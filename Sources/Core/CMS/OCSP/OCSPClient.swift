import CoreModel
import Foundation
import X509

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Asks an OCSP responder (RFC 6960) for a certificate's status: a request for the certificate and
/// its issuer with a nonce, sent by HTTP POST (Appendix A.1) to the URL of the certificate's Authority
/// Information Access, and the response checked (``check(response:for:issuer:nonce:now:url:)``).
/// The HTTP goes through `URLSession.detachedData(for:)`, as the time-stamp client's.
public struct OCSPClient: Sendable {
    public var timeout: TimeInterval
    /// The hash naming the certificate's issuer in the request.
    public var hashAlgorithm: OCSPHashAlgorithm
    /// Whether the request carries a nonce; a responder that echoes it must echo it unchanged.
    public var usesNonce: Bool
    /// How far the responder's clock may be ahead of ours, and nextUpdate behind.
    public var allowedClockSkew: TimeInterval
    /// How old a response without nextUpdate may be.
    public var maximumAge: TimeInterval
    /// The responder to ask instead of the one the certificate names (as `openssl ocsp -url`).
    public var responderURL: URL?

    public init(
        timeout: TimeInterval = 5, hashAlgorithm: OCSPHashAlgorithm = .sha1, usesNonce: Bool = true,
        allowedClockSkew: TimeInterval = 300, maximumAge: TimeInterval = 86_400, responderURL: URL? = nil
    ) {
        self.timeout = timeout
        self.hashAlgorithm = hashAlgorithm
        self.usesNonce = usesNonce
        self.allowedClockSkew = allowedClockSkew
        self.maximumAge = maximumAge
        self.responderURL = responderURL
    }

    /// The http URLs of the certificate's OCSP responders (id-ad-ocsp in its Authority Information Access).
    public static func responderURLs(of certificate: Certificate) -> [String] {
        guard let access = try? certificate.extensions.authorityInformationAccess else { return [] }
        return access.compactMap { description in
            guard description.method == .ocspServer, case .uniformResourceIdentifier(let uri) = description.location,
                uri.lowercased().hasPrefix("http")
            else { return nil }
            return uri
        }
    }

    /// The status of `certificate`, issued by `issuer`, from its responder (each URL it names in turn
    /// until one answers); `now` judges the response's freshness.
    public func status(of certificate: Certificate, issuedBy issuer: Certificate, now: Date = Date())
        async throws(OCSPError)
        -> OCSPAnswer
    {
        let urls = responderURL.map { [$0.absoluteString] } ?? Self.responderURLs(of: certificate)
        guard !urls.isEmpty else { throw .noResponder }
        let id: OCSPCertificateID
        do {
            id = try OCSPCertificateID(certificate: certificate, issuer: issuer, hash: hashAlgorithm)
        } catch {
            throw .malformedResponse("the request could not be made: \(error)")
        }
        var failure = OCSPError.noResponder
        for url in urls {
            let nonce = usesNonce ? OCSPRequestMessage.randomNonce() : nil
            do throws(OCSPError) {
                let response = try await post(OCSPRequestMessage(certificateIDs: [id], nonce: nonce), to: url)
                return try check(response: response, for: id, issuer: issuer, nonce: nonce, now: now, url: url)
            } catch {
                failure = error
            }
        }
        throw failure
    }

    private func post(_ request: OCSPRequestMessage, to address: String) async throws(OCSPError) -> [UInt8] {
        guard let url = URL(string: address) else { throw .unreachable(url: address, reason: "not a URL") }
        var http = URLRequest(url: url, timeoutInterval: timeout)
        http.httpMethod = "POST"
        http.setValue("application/ocsp-request", forHTTPHeaderField: "Content-Type")
        http.setValue("application/ocsp-response", forHTTPHeaderField: "Accept")
        do {
            http.httpBody = Data(try request.derEncoded())
        } catch {
            throw .malformedResponse("the request could not be encoded: \(error)")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.detachedData(for: http)
        } catch {
            throw .unreachable(url: address, reason: error.localizedDescription)
        }
        if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
            throw .httpStatus(url: address, status: status)
        }
        return Array(data)
    }
}
