/// The namespaces and type URIs of XML Signature and XAdES.
public enum XMLNamespaces {
    /// XML Signature (xmldsig-core).
    public static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    /// XAdES 1.3.2 (ETSI EN 319 132-1).
    public static let xades = "http://uri.etsi.org/01903/v1.3.2#"
    /// The Type of a Reference to SignedProperties.
    public static let signedPropertiesType = "http://uri.etsi.org/01903#SignedProperties"
}
