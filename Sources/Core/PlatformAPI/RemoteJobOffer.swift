import Crypto
import Foundation

extension PlatformAPI {
    /// What the platform gives the page for a new remote job (`POST /api/consultations/{id}/jobs`), and
    /// what the page hands unchanged to the assistant (`jobs.start`).
    public struct RemoteJobOffer: Codable, Sendable, Equatable {
        /// The descriptor's JSON bytes, in base64: the signature covers exactly these bytes.
        public let descriptor: String
        /// ECDSA P-256 with SHA-256 over the descriptor bytes, DER, in base64.
        public let signature: String
        /// The one-time, short-lived token the assistant trades for the job's credential
        /// (`POST /api/jobs/{id}/claim`).
        public let token: String

        public init(descriptor: String, signature: String, token: String) {
            self.descriptor = descriptor
            self.signature = signature
            self.token = token
        }

        /// Signs `descriptor` with the platform's key and wraps it with the job token.
        public static func signing(
            _ descriptor: RemoteJobDescriptor, with key: P256.Signing.PrivateKey, token: String
        ) throws -> RemoteJobOffer {
            let signed = try DescriptorSignature.sign(descriptor, with: key)
            return RemoteJobOffer(descriptor: signed.descriptor, signature: signed.signature, token: token)
        }

        /// Whether `pem` is a public key descriptors can be checked against (ECDSA P-256, PEM).
        public static func isUsablePublicKey(_ pem: String) -> Bool {
            (try? P256.Signing.PublicKey(pemRepresentation: pem)) != nil
        }

        /// The descriptor, once its signature is checked against the platform key pinned at pairing (PEM).
        public func verifiedDescriptor(publicKeyPEM: String) throws(RemoteJobOfferError) -> RemoteJobDescriptor {
            let bytes = try DescriptorSignature.verifiedBytes(
                descriptor: descriptor, signature: signature, publicKeyPEM: publicKeyPEM)
            let decoded: RemoteJobDescriptor
            do {
                decoded = try JSONDecoder().decode(RemoteJobDescriptor.self, from: bytes)
            } catch {
                throw .malformed(String(describing: error))
            }
            guard decoded.version == RemoteJobDescriptor.currentVersion else {
                throw .unsupportedVersion(decoded.version)
            }
            return decoded
        }
    }

    /// Why a job offer is refused, and what to do.
    public enum RemoteJobOfferError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unusablePinnedKey
        case badSignature
        case unsupportedVersion(Int)

        public var description: String {
            switch self {
            case .malformed(let reason):
                "The job descriptor is unreadable (\(reason)): ask the platform for the job again."
            case .unusablePinnedKey:
                "The platform key pinned at pairing is not an ECDSA P-256 public key in PEM: pair the platform "
                    + "again with `sceau-assistant pair ORIGIN --public-key FILE`."
            case .badSignature:
                "The job descriptor is not signed by the paired platform's key: it was refused. If the platform "
                    + "changed its key, pair it again with its new public key."
            case .unsupportedVersion(let version):
                "The job descriptor has format version \(version), which this assistant does not read: update it."
            }
        }
    }

    /// `POST /api/jobs/{id}/claim` (with the one-time job token as `Authorization: Bearer`): the
    /// credential for every later call of the job (also `Authorization: Bearer`). A token claimed twice,
    /// expired, or presented for another job is refused with 401.
    public struct RemoteJobCredential: Codable, Sendable, Equatable {
        public let credential: String
        /// Seconds since 1970.
        public let expiresAt: Int64

        public init(credential: String, expiresAt: Int64) {
            self.credential = credential
            self.expiresAt = expiresAt
        }
    }
}
