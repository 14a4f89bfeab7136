import Foundation

/// Why an OCSP answer could not be had or cannot be trusted, with what to do about it.
public enum OCSPError: Error, Equatable, CustomStringConvertible {
    /// The certificate names no OCSP responder (no id-ad-ocsp URL in its Authority Information Access).
    case noResponder
    /// The responder could not be reached or did not answer in time.
    case unreachable(url: String, reason: String)
    /// The responder answered with an HTTP error.
    case httpStatus(url: String, status: Int)
    /// The responder answered but refused (malformed request, internal error, try later, unauthorized…).
    case refused(String)
    /// The bytes are not an OCSP response Sceau can read.
    case malformedResponse(String)
    /// The response is signed by someone neither the certificate's issuer nor a responder it authorized.
    case unauthorizedResponder(String)
    /// The response's signature does not verify with its signer's key.
    case badSignature(responder: String)
    /// The response speaks of another certificate than the one asked about.
    case certificateIDMismatch
    /// The response echoes another nonce than the request's: it answers another request (a replay).
    case nonceMismatch
    /// The response claims to be from the future (thisUpdate or producedAt beyond the allowed clock skew).
    case notYetValid(Date)
    /// The response's nextUpdate has passed: newer information exists.
    case expired(nextUpdate: Date)
    /// Without nextUpdate, the response is older than the maximum age allowed.
    case tooOld(thisUpdate: Date, maximumAge: TimeInterval)

    public var description: String {
        switch self {
        case .noResponder:
            "The certificate names no OCSP responder; its revocation status must come from a CRL."
        case .unreachable(let url, let reason):
            "The OCSP responder \(url) cannot be reached (\(reason)). Check the network, or verify with a CRL "
                + "(--crl)."
        case .httpStatus(let url, let status):
            "The OCSP responder \(url) answered HTTP \(status). Try again later, or verify with a CRL (--crl)."
        case .refused(let status):
            "The OCSP responder refused the request (\(status)). Try again later, or verify with a CRL (--crl)."
        case .malformedResponse(let detail):
            "The OCSP responder's answer cannot be read (\(detail))."
        case .unauthorizedResponder(let detail):
            "The OCSP response cannot be trusted: \(detail)."
        case .badSignature(let responder):
            "The OCSP response's signature does not verify with the key of \(responder): it was altered or forged."
        case .certificateIDMismatch:
            "The OCSP response is about another certificate than the one asked about."
        case .nonceMismatch:
            "The OCSP response answers another request (its nonce differs): it may be a replay."
        case .notYetValid(let date):
            "The OCSP response is dated \(date.formatted(.iso8601)), in the future: check this computer's clock."
        case .expired(let nextUpdate):
            "The OCSP response is out of date (newer information since \(nextUpdate.formatted(.iso8601)))."
        case .tooOld(let thisUpdate, let maximumAge):
            "The OCSP response, from \(thisUpdate.formatted(.iso8601)) and without a next update, is older than "
                + "the \(Int(maximumAge)) s allowed."
        }
    }
}
