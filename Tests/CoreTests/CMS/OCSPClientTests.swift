import CoreCMS
import CoreTokens
import Foundation
import SwiftASN1
import TestSupport
import Testing
import X509

/// The OCSP client against the fixtures' responder (`openssl ocsp` over the test CA's index, signing
/// with a delegated responder certificate): good, revoked, unknown, with either CertID hash; and the
/// response checks on responses this test makes and signs itself where `openssl ocsp` cannot produce
/// the fault (a wrong signer, a stale or future response, another nonce, another certificate).
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.ocspURL), "needs the test PKI and its OCSP responder"))
struct OCSPClientTests {
    let pki: URL
    let url: String
    let intermediate: Certificate

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        url = try TestEnvironment.ocspURL.fixture("OCSP responder")
        intermediate = try Self.certificate(pki, "intermediate-ca")
    }

    static func certificate(_ pki: URL, _ name: String) throws -> Certificate {
        try Certificate(pemEncoded: String(contentsOf: pki.appendingPathComponent("\(name).pem"), encoding: .utf8))
    }

    private func certificate(_ name: String) throws -> Certificate { try Self.certificate(pki, name) }

    /// A software key from the PKI's PKCS#8 PEM file, with its certificate.
    private func key(_ name: String, certificate: String? = nil) throws -> SoftwareSigningKey {
        let pem = try String(contentsOf: pki.appendingPathComponent("\(name).key"), encoding: .utf8)
        return try SoftwareSigningKey(
            pkcs8: Array(try PEMDocument(pemString: pem).derBytes), certificate: self.certificate(certificate ?? name))
    }

    // MARK: The real responder

    @Test(arguments: OCSPHashAlgorithm.allCases)
    func aValidCertificateIsGood(hash: OCSPHashAlgorithm) async throws {
        let client = OCSPClient(hashAlgorithm: hash)
        let answer = try await client.status(of: certificate("signer-qualified"), issuedBy: intermediate)
        #expect(answer.status == .good)
        #expect(answer.url == url, "the URL comes from the certificate's Authority Information Access")
        #expect(answer.responder.contains("Sceau Test OCSP Responder"), "signed by the delegated responder")
        #expect(answer.nextUpdate != nil)
        #expect(abs(answer.producedAt.timeIntervalSinceNow) < 600)
    }

    @Test func aRevokedCertificateIsRevokedWithItsReasonAndTime() async throws {
        let answer = try await OCSPClient().status(of: certificate("signer-revoked"), issuedBy: intermediate)
        guard case .revoked(let time, let reason) = answer.status else {
            Issue.record("signer-revoked is \(answer.status)")
            return
        }
        #expect(reason == .keyCompromise)
        // The CA's index holds one revocation time (pki.sh backdates it by a day), which its CRL carries too.
        let crl = try CertificateRevocationList(
            bytes: Array(try Data(contentsOf: pki.appendingPathComponent("intermediate.crl.der"))))
        #expect(time == crl.revoked[try certificate("signer-revoked").serialNumber])
        #expect(time < Date().addingTimeInterval(-12 * 3600))
    }

    @Test func aCertificateTheCADoesNotKnowIsUnknown() async throws {
        let answer = try await OCSPClient().status(of: certificate("signer-unknown"), issuedBy: intermediate)
        #expect(answer.status == .unknown)
    }

    @Test func aCertificateWithoutResponderSaysSo() async throws {
        await #expect(throws: OCSPError.noResponder) {
            _ = try await OCSPClient().status(of: self.intermediate, issuedBy: self.certificate("root-ca"))
        }
    }

    @Test func anUnreachableResponderIsNamed() async throws {
        let client = OCSPClient(responderURL: URL(string: "http://127.0.0.1:1/"))
        let signer = try certificate("signer-qualified")
        do throws(OCSPError) {
            _ = try await client.status(of: signer, issuedBy: intermediate)
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable(let address, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(address == "http://127.0.0.1:1/")
        }
    }

    // MARK: Responses made here

    /// A successful response about `subject` made and signed here; by default as the fixture's
    /// responder would make it, good, fresh, echoing `nonce`.
    private func response(
        about subject: String = "signer-qualified", status: OCSPCertificateStatus = .good,
        thisUpdate: Date = Date().addingTimeInterval(-60), nextUpdate: Date? = Date().addingTimeInterval(3600),
        nonce: [UInt8]? = nil, signer: String = "ocsp-responder", signerCertificate: String = "ocsp-responder"
    ) throws -> [UInt8] {
        let id = try OCSPCertificateID(certificate: certificate(subject), issuer: intermediate)
        let named = try certificate(signerCertificate)
        let data = OCSPResponseData(
            responderID: .byName(named.subject), producedAt: Date(),
            responses: [
                OCSPSingleResponse(certificateID: id, status: status, thisUpdate: thisUpdate, nextUpdate: nextUpdate)
            ], nonce: nonce)
        let tbs = try data.derEncoded()
        let signingKey = try key(signer, certificate: signerCertificate)
        let signature = try signingKey.sign(
            digest: DigestAlgorithm.sha256.digest(tbs), digestAlgorithm: .sha256, scheme: .rsaPKCS1v15)
        let basic = try OCSPBasicResponse(
            data: data,
            signatureAlgorithm: CMSAlgorithmIdentifier(
                algorithm: .CMS.sha256WithRSA, parameters: try ASN1Any(erasing: ASN1Null())),
            signature: signature, certificates: signerCertificate == "intermediate-ca" ? [] : [named])
        return try OCSPResponseMessage(status: 0, basic: basic).derEncoded()
    }

    private func check(_ response: [UInt8], nonce: [UInt8]? = nil, client: OCSPClient = OCSPClient()) throws(OCSPError)
        -> OCSPAnswer
    {
        let id: OCSPCertificateID
        do {
            id = try OCSPCertificateID(certificate: certificate("signer-qualified"), issuer: intermediate)
        } catch {
            preconditionFailure("\(error)")
        }
        return try client.check(response: response, for: id, issuer: intermediate, nonce: nonce, now: Date())
    }

    @Test func aWellMadeResponseHoldsFromTheResponderOrTheIssuer() throws {
        // The control of the tests below: the same response, untouched, is accepted.
        #expect(try check(response(nonce: [1, 2, 3]), nonce: [1, 2, 3]).status == .good)
        #expect(try check(response(signer: "intermediate-ca", signerCertificate: "intermediate-ca")).status == .good)
        let then = Date(timeIntervalSince1970: 1_800_000_000)
        let revoked = try check(response(status: .revoked(time: then, reason: .superseded)))
        #expect(revoked.status == .revoked(time: then, reason: .superseded))
    }

    /// The error checking `response` gives, `nil` when it holds.
    private func failure(_ response: [UInt8], nonce: [UInt8]? = nil, client: OCSPClient = OCSPClient()) -> OCSPError? {
        do throws(OCSPError) {
            _ = try check(response, nonce: nonce, client: client)
            return nil
        } catch {
            return error
        }
    }

    @Test func aResponseSignedByAnotherKeyIsRefused() throws {
        // Named as the delegated responder, signed with another key.
        let responder = try certificate("ocsp-responder").subject.description
        #expect(
            failure(try response(signer: "signer-qualified", signerCertificate: "ocsp-responder"))
                == .badSignature(responder: responder))
        // Signed by a certificate of the same CA that is not for OCSP signing.
        let notForOCSP = failure(try response(signer: "signer-qualified", signerCertificate: "signer-qualified"))
        guard case .unauthorizedResponder(let detail) = notForOCSP else {
            Issue.record("a signer without id-kp-OCSPSigning: \(String(describing: notForOCSP))")
            return
        }
        #expect(detail.contains("not authorized to sign OCSP responses"))
        // Signed by the root CA, which did not issue the certificate asked about.
        let otherAuthority = failure(try response(signer: "root-ca", signerCertificate: "root-ca"))
        guard case .unauthorizedResponder(let other) = otherAuthority else {
            Issue.record("a signer from another authority: \(String(describing: otherAuthority))")
            return
        }
        #expect(other.contains("was not issued by"))
    }

    @Test func aStaleResponseIsRefused() throws {
        let past = Date().addingTimeInterval(-7200)
        let expired = failure(try response(thisUpdate: past.addingTimeInterval(-3600), nextUpdate: past))
        guard case .expired(let nextUpdate) = expired else {
            Issue.record("a response past its nextUpdate: \(String(describing: expired))")
            return
        }
        #expect(abs(nextUpdate.timeIntervalSince(past)) < 1)
        // Without nextUpdate, the configured maximum age decides.
        let old = try response(thisUpdate: Date().addingTimeInterval(-7200), nextUpdate: nil)
        #expect(failure(old) == nil, "two hours is within the default day")
        let tooOld = failure(old, client: OCSPClient(maximumAge: 3600))
        guard case .tooOld(_, let maximumAge) = tooOld else {
            Issue.record("a response older than the maximum age: \(String(describing: tooOld))")
            return
        }
        #expect(maximumAge == 3600)
    }

    @Test func aResponseFromTheFutureIsRefused() throws {
        let future = failure(try response(thisUpdate: Date().addingTimeInterval(3600)))
        guard case .notYetValid = future else {
            Issue.record("a response dated in an hour: \(String(describing: future))")
            return
        }
        // Within the allowed skew it holds.
        #expect(failure(try response(thisUpdate: Date().addingTimeInterval(60))) == nil)
    }

    @Test func anotherNonceIsRefusedAndNoNonceIsAccepted() throws {
        #expect(failure(try response(nonce: [9, 9, 9]), nonce: [1, 2, 3]) == .nonceMismatch)
        #expect(failure(try response(nonce: nil), nonce: [1, 2, 3]) == nil, "a responder may not echo it")
    }

    @Test func aResponseAboutAnotherCertificateIsRefused() throws {
        #expect(failure(try response(about: "signer-plain")) == .certificateIDMismatch)
    }

    @Test func anUnsuccessfulStatusIsARefusal() throws {
        #expect(failure(try OCSPResponseMessage(status: 3, basic: nil).derEncoded()) == .refused("try later"))
        guard case .malformedResponse = failure([0x30, 0x03, 0x0A, 0x01]) else {
            Issue.record("a truncated response was read")
            return
        }
    }
}
