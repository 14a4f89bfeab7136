import CoreTokens
import Foundation
import X509

extension OCSPClient {
    /// Checks a DER OCSPResponse about the certificate `id` names, issued by `issuer`: status
    /// successful, signed by the issuer or by a responder certificate the issuer issued for OCSP signing
    /// (RFC 6960 §4.2.2.2), about that certificate, echoing `nonce` when it echoes one, and fresh at `now`.
    /// A response found in a signature is checked with `now` nil: its freshness is not today's question
    /// (its delegated responder's validity is then judged at the response's production).
    public func check(
        response bytes: [UInt8], for id: OCSPCertificateID, issuer: Certificate, nonce: [UInt8]?, now: Date?,
        url: String? = nil
    ) throws(OCSPError) -> OCSPAnswer {
        let message = try OCSPResponseMessage(derEncoded: bytes)
        guard message.status == 0 else { throw .refused(OCSPResponseMessage.describe(status: message.status)) }
        guard let basic = message.basic else { throw .malformedResponse("a successful response holds no answer") }
        let responder = try signer(of: basic, issuer: issuer, now: now ?? basic.data.producedAt)
        let algorithm: CMSSignatureAlgorithm
        do {
            algorithm = try CMSSignatureAlgorithm(signatureAlgorithm: basic.signatureAlgorithm, digest: .sha256)
        } catch {
            throw .malformedResponse("\(error)")
        }
        guard
            SignatureVerifier.isValid(
                signature: basic.signature, digest: algorithm.digestAlgorithm.digest(basic.signedBytes),
                digestAlgorithm: algorithm.digestAlgorithm, scheme: algorithm.scheme, publicKey: responder.publicKey,
                ecdsaDER: true)
        else { throw .badSignature(responder: responder.subject.description) }

        let data = basic.data
        if let nonce, let echoed = data.nonce, echoed != nonce { throw .nonceMismatch }
        guard let single = data.responses.first(where: { $0.certificateID == id }) else {
            throw .certificateIDMismatch
        }
        if let now {
            if single.thisUpdate > now + allowedClockSkew { throw .notYetValid(single.thisUpdate) }
            if data.producedAt > now + allowedClockSkew { throw .notYetValid(data.producedAt) }
            if let nextUpdate = single.nextUpdate {
                if nextUpdate < now - allowedClockSkew { throw .expired(nextUpdate: nextUpdate) }
            } else if now.timeIntervalSince(single.thisUpdate) > maximumAge {
                throw .tooOld(thisUpdate: single.thisUpdate, maximumAge: maximumAge)
            }
        }
        return OCSPAnswer(
            status: single.status, url: url, responder: responder.subject.description, producedAt: data.producedAt,
            thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate, response: bytes)
    }

    /// The certificate whose key must verify the response: the issuer itself, or a delegated responder's
    /// certificate among those sent, issued by the issuer, for id-kp-OCSPSigning, valid at `now`.
    private func signer(of basic: OCSPBasicResponse, issuer: Certificate, now: Date) throws(OCSPError) -> Certificate {
        let id = basic.data.responderID
        if id.matches(issuer) { return issuer }
        guard let delegate = basic.certificates.first(where: id.matches) else {
            throw .unauthorizedResponder(
                "it is signed by \(id), neither the certificate's issuer nor a responder certificate sent with it")
        }
        guard delegate.issuer == issuer.subject, issuer.publicKey.isValidSignature(delegate.signature, for: delegate)
        else {
            throw .unauthorizedResponder(
                "its signer \(delegate.subject) was not issued by the certificate's issuer \(issuer.subject)")
        }
        let usages = (try? delegate.extensions.extendedKeyUsage).map { Array($0) } ?? []
        guard usages.contains(.ocspSigning) else {
            throw .unauthorizedResponder("its signer \(delegate.subject) is not authorized to sign OCSP responses")
        }
        guard delegate.notValidBefore <= now + allowedClockSkew, now - allowedClockSkew <= delegate.notValidAfter
        else {
            throw .unauthorizedResponder("the certificate of its signer \(delegate.subject) is not valid now")
        }
        return delegate
    }
}
