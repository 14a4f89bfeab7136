/// The namespaces and type URIs of XML Signature and XAdES.
public enum XMLNamespaces {
    /// XML Signature (xmldsig-core).
    public static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    /// XAdES 1.3.2 (ETSI EN 319 132-1).
    public static let xades = "http://uri.etsi.org/01903/v1.3.2#"
    /// ASiC (ETSI EN 319 162-1): the `XAdESSignatures` root of a container's signature file.
    public static let asic = "http://uri.etsi.org/02918/v1.2.1#"
    /// The Type of a Reference to SignedProperties.
    public static let signedPropertiesType = "http://uri.etsi.org/01903#SignedProperties"
}
