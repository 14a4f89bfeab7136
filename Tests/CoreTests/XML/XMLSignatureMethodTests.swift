import CoreTokens
import CoreXML
import Testing

/// SignatureMethod URIs: each known method round-trips, unknown ones are refused.
@Suite struct XMLSignatureMethodTests {
    @Test func knownURIsRoundTrip() {
        #expect(
            XMLSignatureMethod(uri: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
                == XMLSignatureMethod(scheme: .rsaPKCS1v15, digestAlgorithm: .sha256))
        #expect(
            XMLSignatureMethod(uri: "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1")
                == XMLSignatureMethod(scheme: .rsaPSS, digestAlgorithm: .sha384))
        #expect(
            XMLSignatureMethod(uri: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512")
                == XMLSignatureMethod(scheme: .ecdsa, digestAlgorithm: .sha512))
    }

    @Test func unknownURIsAreRefused() {
        #expect(XMLSignatureMethod(uri: "http://www.w3.org/2000/09/xmldsig#rsa-sha1") == nil)
        #expect(XMLSignatureMethod(uri: "http://www.w3.org/2000/09/xmldsig#hmac-sha1") == nil)
    }
}
