extension PlatformAPI {
    /// A published consultation as companies see it (`GET /api/public/consultations…`).
    public struct PublicConsultation: Codable, Sendable, Equatable {
        public let reference: String
        public let title: String
        public let object: String
        /// `travaux`, `fournitures` or `services`.
        public let category: String
        public let cpv: String?
        /// The date limite de remise des plis, seconds since 1970: deposits complete strictly before it.
        public let deadline: Int64
        /// The same second in Paris time, `dd/MM/yyyy HH:mm:ss`.
        public let deadlineText: String
        /// The envelopes of a response: `candidature`, `offre`, `anonymat`.
        public let envelopes: [String]
        /// Whether the response is sealed for the recipients.
        public let encryption: Bool
        /// `non-requise`, `requise` or `autorisee`.
        public let signature: String
        public let hasDCE: Bool

        public init(
            reference: String, title: String, object: String, category: String, cpv: String?, deadline: Int64,
            deadlineText: String, envelopes: [String], encryption: Bool, signature: String, hasDCE: Bool
        ) {
            self.reference = reference
            self.title = title
            self.object = object
            self.category = category
            self.cpv = cpv
            self.deadline = deadline
            self.deadlineText = deadlineText
            self.envelopes = envelopes
            self.encryption = encryption
            self.signature = signature
            self.hasDCE = hasDCE
        }
    }

    /// `GET /api/public/consultations/{ref}/recipients`: whom every file of a response is sealed for.
    public struct Recipients: Codable, Sendable, Equatable {
        public let consultation: PublicConsultation
        /// The certificates, in PEM.
        public let certificates: [String]

        public init(consultation: PublicConsultation, certificates: [String]) {
            self.consultation = consultation
            self.certificates = certificates
        }
    }
}
