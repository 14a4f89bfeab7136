import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The bidders' side: public consultations, their recipient certificates and DCE, and deposits uploaded
/// in chunks (`/api/public/consultations…`, `/api/deposits…`). See docs/openapi.yaml.
struct DepositController: Sendable {
    let deposits: DepositService
    let registers: RegisterService
    let database: Database

    static let chunkHashHeader = HTTPField.Name("X-Chunk-SHA256")!

    struct PublicConsultation: Codable, Sendable, ResponseEncodable {
        let reference: String
        let title: String
        let object: String
        let category: String
        let cpv: String?
        let deadline: Int64
        let deadlineText: String
        let envelopes: [ConsultationEnvelope]
        let encryption: Bool
        let signature: String
        let hasDCE: Bool

        init(_ consultation: Consultation) {
            reference = consultation.reference.value
            title = consultation.title
            object = consultation.object
            category = consultation.category.rawValue
            cpv = consultation.cpv?.description
            deadline = consultation.deadline
            deadlineText = FrenchTime.text(consultation.deadline)
            envelopes = consultation.modalities.envelopes.sorted()
            encryption = consultation.modalities.encryption
            signature = consultation.modalities.signature.rawValue
            hasDCE = consultation.dceSHA256 != nil
        }
    }

    struct Recipients: Codable, Sendable, ResponseEncodable {
        let consultation: PublicConsultation
        /// The certificates to seal every file for, in PEM.
        let certificates: [String]
    }

    struct NewDeposit: Codable, Sendable {
        let consultation: String
    }

    struct NewFile: Codable, Sendable {
        let envelope: ConsultationEnvelope
        let name: String
        let size: Int64
        let sha256: String
    }

    struct FileView: Codable, Sendable, ResponseEncodable {
        let id: Int64
        let envelope: ConsultationEnvelope
        let name: String
        let size: Int64
        let sha256: String
        let chunkSize: Int
        let chunkCount: Int
        let stored: Bool
        let missingChunks: [Int]
    }

    struct DepositView: Codable, Sendable, ResponseEncodable {
        let id: Int64
        let consultation: String
        let state: Deposit.State
        let files: [FileView]
    }

    struct ReceiptView: Codable, Sendable, ResponseEncodable {
        let receipt: DepositReceipt
        /// The RFC 3161 token over the SHA-256 of the receipt's canonical JSON, in base64; absent without a TSA.
        let timestampToken: String?
    }

    func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api")
        api.get("public/consultations") { request, _ in
            let search = ConsultationSearch(
                keyword: request.uri.queryParameters["q"].map(String.init),
                category: request.uri.queryParameters["categorie"].flatMap {
                    ProcurementCategory(rawValue: String($0))
                },
                cpvPrefix: request.uri.queryParameters["cpv"].map(String.init))
            let found = try await database.session { sql in
                try await ConsultationRepository(sql: sql).published(matching: search, at: Timestamp.now())
            }
            return found.map(PublicConsultation.init)
        }
        api.get("public/consultations/:reference/recipients") { _, context in
            let (consultation, keys) = try await deposits.recipients(
                reference: try context.parameters.require("reference"))
            return Recipients(consultation: .init(consultation), certificates: keys.map(\.certificatePEM))
        }
        api.get("public/consultations/:reference/dce") { _, context -> Response in
            let (consultation, hash) = try await registers.downloadDCE(
                reference: try context.parameters.require("reference"), by: context.bidder)
            let slice = try await registers.files.read(hash)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/zip",
                    .contentDisposition:
                        "attachment; filename=\"DCE_\(consultation.reference.value.replacingOccurrences(of: "/", with: "_")).zip\"",
                    .contentLength: String(slice.count),
                ],
                body: ResponseBody(asyncSequence: slice))
        }
        api.post("deposits") { request, context in
            let bidder = try context.requireBidder()
            let body = try await request.decode(as: NewDeposit.self, context: context)
            let deposit = try await deposits.start(reference: body.consultation, by: bidder)
            return EditedResponse(
                status: .created,
                response: DepositView(
                    id: deposit.id ?? 0, consultation: body.consultation, state: deposit.state, files: []))
        }
        api.get("deposits/:id") { _, context in
            try await view(try context.parameters.require("id", as: Int64.self), bidder: try context.requireBidder())
        }
        api.post("deposits/:id/files") { request, context in
            let bidder = try context.requireBidder()
            let body = try await request.decode(as: NewFile.self, context: context)
            let file = try await deposits.announce(
                depositID: try context.parameters.require("id", as: Int64.self), envelope: body.envelope,
                name: body.name, size: body.size, sha256: body.sha256, by: bidder)
            return EditedResponse(status: .created, response: Self.view(file, missing: Array(0..<file.chunkCount)))
        }
        api.put("deposits/:id/files/:file/chunks/:index") { request, context in
            let bidder = try context.requireBidder()
            var request = request
            let bytes = try await request.collectBody(upTo: DepositPolicy.chunkSize)
            try await deposits.receiveChunk(
                depositID: try context.parameters.require("id", as: Int64.self),
                fileID: try context.parameters.require("file", as: Int64.self),
                index: try context.parameters.require("index", as: Int.self), bytes: bytes,
                sha256: request.headers[Self.chunkHashHeader], by: bidder)
            return HTTPResponse.Status.noContent
        }
        api.post("deposits/:id/complete") { _, context in
            let (receipt, token) = try await deposits.complete(
                depositID: try context.parameters.require("id", as: Int64.self), by: try context.requireBidder())
            return ReceiptView(receipt: receipt, timestampToken: token)
        }
        api.get("deposits/:id/receipt") { _, context in
            let (receipt, token) = try await deposits.receipt(
                depositID: try context.parameters.require("id", as: Int64.self), by: try context.requireBidder())
            return ReceiptView(receipt: receipt, timestampToken: token)
        }
    }

    private func view(_ id: Int64, bidder: SignedInBidder) async throws -> DepositView {
        let (deposit, statuses) = try await deposits.status(depositID: id, by: bidder)
        let reference = try await database.session { sql in
            try await ConsultationRepository(sql: sql).require(id: deposit.consultationID).reference.value
        }
        return DepositView(
            id: id, consultation: reference, state: deposit.state,
            files: statuses.map { Self.view($0.file, missing: $0.missingChunks) })
    }

    private static func view(_ file: DepositFile, missing: [Int]) -> FileView {
        FileView(
            id: file.id ?? 0, envelope: file.envelope, name: file.name, size: file.size, sha256: file.sha256,
            chunkSize: file.chunkSize, chunkCount: file.chunkCount, stored: file.stored, missingChunks: missing)
    }
}
