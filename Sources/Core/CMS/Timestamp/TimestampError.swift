/// A time-stamp that could not be obtained or does not hold, with what to do about it.
public enum TimestampError: Error, Equatable, CustomStringConvertible {
    /// The TSA could not be reached or did not answer in time.
    case unreachable(url: String, reason: String)
    /// The TSA answered with an HTTP error.
    case httpStatus(url: String, status: Int)
    /// The TSA refused the request (PKIStatus rejection); its own text when it gave one.
    case rejected(String)
    /// The TSA's answer is not a valid time-stamp response, or does not match the request.
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            "The time-stamping authority \(url) cannot be reached (\(reason)). Check the URL and the network, or "
                + "sign at level B-B."
        case .httpStatus(let url, let status):
            "The time-stamping authority \(url) answered HTTP \(status). Check the URL, or sign at level B-B."
        case .rejected(let text):
            "The time-stamping authority refused the request (\(text))."
        case .invalidResponse(let detail):
            "The time-stamping authority's answer is not valid (\(detail))."
        }
    }
}
