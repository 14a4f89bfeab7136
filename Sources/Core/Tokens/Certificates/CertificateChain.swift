import X509

/// Orders the certification authorities found beside a key into the chain above it.
public enum CertificateChain {
    /// The issuers of `certificate`, nearest first, taken from `authorities` by following subject names;
    /// stops at a self-signed certificate or when no issuer is found.
    public static func order(from certificate: Certificate, among authorities: [Certificate]) -> [Certificate] {
        var chain: [Certificate] = []
        var current = certificate
        while current.issuer != current.subject,
            let issuer = authorities.first(where: { $0.subject == current.issuer && !chain.contains($0) })
        {
            chain.append(issuer)
            current = issuer
        }
        return chain
    }
}
