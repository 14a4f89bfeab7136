import Crypto
import Foundation

extension PlatformAPI {
    /// A deposit handed to the assistant by the company's "Déposer" page
    /// (`POST /api/public/consultations/{reference}/deposit-jobs`): the assistant receives the files from
    /// the page, signs them when the consultation requires it, seals them for the published recipients and
    /// deposits them with the job's credential. Signed by the platform like ``RemoteJobDescriptor``.
    public struct DepositJobDescriptor: Codable, Sendable, Equatable {
        public static let currentVersion = 1
        /// The `kind` of every deposit descriptor, which tells it from a ``RemoteJobDescriptor``.
        public static let kind = "depot"

        public let version: Int
        public let id: String
        public let kind: String
        /// The origin of the platform that issued it.
        public let platform: String
        public let consultation: Consultation
        /// The company that deposits, for the assistant's local page.
        public let company: String
        public let issuedAt: Int64
        public let tokenExpiresAt: Int64

        /// What the assistant must know of the consultation to prepare the response.
        public struct Consultation: Codable, Sendable, Equatable {
            public let reference: String
            public let title: String
            /// The envelopes a response is made of (`candidature`, `offre`, `anonymat`).
            public let envelopes: [String]
            /// "Signature électronique : requise": every file is signed (CAdES, detached) before sealing.
            public let signatureRequired: Bool
            /// Seconds since 1970.
            public let deadline: Int64

            public init(reference: String, title: String, envelopes: [String], signatureRequired: Bool, deadline: Int64)
            {
                self.reference = reference
                self.title = title
                self.envelopes = envelopes
                self.signatureRequired = signatureRequired
                self.deadline = deadline
            }
        }

        public init(
            id: String, platform: String, consultation: Consultation, company: String, issuedAt: Int64,
            tokenExpiresAt: Int64
        ) {
            self.version = Self.currentVersion
            self.id = id
            self.kind = Self.kind
            self.platform = platform
            self.consultation = consultation
            self.company = company
            self.issuedAt = issuedAt
            self.tokenExpiresAt = tokenExpiresAt
        }
    }

    /// The route a deposit job's token is claimed at, answering a ``RemoteJobCredential`` that then stands
    /// for the company on the deposit API (`/api/deposits…`) of that consultation only.
    public enum DepositJobRoute {
        public static func claim(_ job: String) -> String { "/api/deposit-jobs/\(job)/claim" }
    }

    /// Platform signatures of job descriptors: ECDSA P-256 with SHA-256 over the descriptor's JSON bytes.
    public enum DescriptorSignature {
        /// The JSON bytes of `descriptor` and their signature, both base64, as offers carry them.
        public static func sign(_ descriptor: some Encodable, with key: P256.Signing.PrivateKey) throws -> (
            descriptor: String, signature: String
        ) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let bytes = try encoder.encode(descriptor)
            let signature = try key.signature(for: bytes)
            return (bytes.base64EncodedString(), signature.derRepresentation.base64EncodedString())
        }

        /// The descriptor bytes once the signature checks against the pinned key (PEM).
        public static func verifiedBytes(descriptor: String, signature: String, publicKeyPEM: String)
            throws(RemoteJobOfferError) -> Data
        {
            guard let bytes = Data(base64Encoded: descriptor), let signatureBytes = Data(base64Encoded: signature)
            else { throw .malformed("the descriptor or its signature is not base64") }
            let key: P256.Signing.PublicKey
            do {
                key = try P256.Signing.PublicKey(pemRepresentation: publicKeyPEM)
            } catch {
                throw .unusablePinnedKey
            }
            guard let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signatureBytes),
                key.isValidSignature(ecdsa, for: bytes)
            else { throw .badSignature }
            return bytes
        }

        /// The `kind` of a descriptor, read before its type is known (`depot` or a ``RemoteJobKind``).
        public static func kind(ofDescriptor descriptor: String) -> String? {
            struct Kind: Decodable { let kind: String }
            guard let bytes = Data(base64Encoded: descriptor) else { return nil }
            return try? JSONDecoder().decode(Kind.self, from: bytes).kind
        }
    }
}

extension PlatformAPI.DepositJobDescriptor {
    /// Checks the signature against the pinned key, then reads the descriptor.
    public static func verified(descriptor: String, signature: String, publicKeyPEM: String)
        throws(PlatformAPI.RemoteJobOfferError) -> Self
    {
        let bytes = try PlatformAPI.DescriptorSignature.verifiedBytes(
            descriptor: descriptor, signature: signature, publicKeyPEM: publicKeyPEM)
        let decoded: Self
        do {
            decoded = try JSONDecoder().decode(Self.self, from: bytes)
        } catch {
            throw .malformed(String(describing: error))
        }
        guard decoded.version == currentVersion, decoded.kind == kind else {
            throw .unsupportedVersion(decoded.version)
        }
        return decoded
    }
}
