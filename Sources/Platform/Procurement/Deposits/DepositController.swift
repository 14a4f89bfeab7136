import CorePlatformAPI
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PlatformKernel

/// The bidders' side: public consultations, their recipient certificates and DCE, and deposits uploaded
/// in chunks (`/api/public/consultations…`, `/api/deposits…`). See docs/openapi.yaml.
package struct DepositController: Sendable {
    package let deposits: DepositService
    package let registers: RegisterService
    package let database: Database
    /// Deposits and chunks in flight and acknowledged, for `/metrics`.
    package var metrics = DepositMetrics()
    /// Where the platform's failures on a deposit's routes are recorded for the bidder.
    package var incidents: DepositIncidents?

    package init(deposits: DepositService, registers: RegisterService, database: Database) {
        self.deposits = deposits
        self.registers = registers
        self.database = database
    }

    package static let chunkHashHeader = HTTPField.Name("X-Chunk-SHA256")!

    package func register(on router: Router<PlatformRequestContext>) {
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
            return found.map(PlatformAPI.PublicConsultation.init)
        }
        api.get("public/consultations/:reference/recipients") { _, context in
            let (consultation, keys) = try await deposits.recipients(
                reference: try context.parameters.require("reference"))
            return PlatformAPI.Recipients(consultation: .init(consultation), certificates: keys.map(\.certificatePEM))
        }
        api.get("public/consultations/:reference/dce") { request, context -> Response in
            let numbers = request.uri.queryParameters.filter { $0.key == "fichier" }.map { String($0.value) }
            if !numbers.isEmpty || request.uri.queryParameters["partiel"] != nil {
                let documents = DocumentService(
                    database: database, files: registers.files, maximumSize: registers.maximumDCESize)
                let withdrawal = try await documents.withdrawPart(
                    numbers: numbers, version: request.uri.queryParameters["version"].flatMap { Int64($0) },
                    reference: try context.parameters.require("reference"), by: context.bidder)
                return try DocumentController(documents: documents).partial(withdrawal)
            }
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
        let bidders = router.group("api", context: BidderRequestContext.self)
        if let incidents { bidders.add(middleware: DepositIncidentMiddleware(incidents: incidents)) }
        bidders.post("deposits") { request, context in
            let bidder = context.signedIn
            let body = try await request.decode(as: PlatformAPI.NewDeposit.self, context: context)
            let deposit = try await deposits.start(reference: body.consultation, by: bidder)
            metrics.started.increment()
            return EditedResponse(
                status: .created,
                response: PlatformAPI.Deposit(
                    id: deposit.id ?? 0, consultation: body.consultation, state: .init(deposit.state), files: []))
        }
        bidders.get("deposits/:id") { _, context in
            try await view(try context.parameters.require("id", as: Int64.self), bidder: context.signedIn)
        }
        bidders.post("deposits/:id/files") { request, context in
            let bidder = context.signedIn
            let body = try await request.decode(as: PlatformAPI.SealedFile.self, context: context)
            guard let envelope = ConsultationEnvelope(rawValue: body.envelope) else {
                throw DomainError.invalidField(
                    field: "enveloppe", reason: "Une enveloppe s'appelle candidature, offre ou anonymat.")
            }
            let announced = try await deposits.announcement(
                depositID: try context.parameters.require("id", as: Int64.self), envelope: envelope,
                name: body.name, size: body.size, sha256: body.sha256, by: bidder)
            return EditedResponse(
                status: announced.created ? .created : .ok,
                response: Self.view(announced.status.file, missing: announced.status.missingChunks))
        }
        bidders.put("deposits/:id/files/:file/chunks/:index") { request, context in
            let bidder = context.signedIn
            metrics.chunksInFlight.increment()
            defer { metrics.chunksInFlight.decrement() }
            var request = request
            let bytes = try await request.collectBody(upTo: DepositPolicy.chunkSize)
            try await deposits.receiveChunk(
                depositID: try context.parameters.require("id", as: Int64.self),
                fileID: try context.parameters.require("file", as: Int64.self),
                index: try context.parameters.require("index", as: Int.self), bytes: bytes,
                sha256: request.headers[Self.chunkHashHeader], by: bidder)
            metrics.acknowledged(bytes: bytes.readableBytes)
            return HTTPResponse.Status.noContent
        }
        bidders.post("deposits/:id/complete") { _, context in
            metrics.completionsInFlight.increment()
            defer { metrics.completionsInFlight.decrement() }
            let (receipt, token) = try await deposits.complete(
                depositID: try context.parameters.require("id", as: Int64.self), by: context.signedIn)
            metrics.completed.increment()
            return PlatformAPI.Receipt(receipt: receipt, timestampToken: token)
        }
        bidders.get("deposits/:id/receipt") { _, context in
            let (receipt, token) = try await deposits.receipt(
                depositID: try context.parameters.require("id", as: Int64.self), by: context.signedIn)
            return PlatformAPI.Receipt(receipt: receipt, timestampToken: token)
        }
    }

    private func view(_ id: Int64, bidder: SignedInBidder) async throws -> PlatformAPI.Deposit {
        let (deposit, statuses) = try await deposits.status(depositID: id, by: bidder)
        let reference = try await database.session { sql in
            try await ConsultationRepository(sql: sql).require(id: deposit.consultationID).reference.value
        }
        return PlatformAPI.Deposit(
            id: id, consultation: reference, state: .init(deposit.state),
            files: statuses.map { Self.view($0.file, missing: $0.missingChunks) })
    }

    private static func view(_ file: DepositFile, missing: [Int]) -> PlatformAPI.DepositFile {
        PlatformAPI.DepositFile(
            id: file.id ?? 0, envelope: file.envelope.rawValue, name: file.name, size: file.size, sha256: file.sha256,
            chunkSize: file.chunkSize, chunkCount: file.chunkCount, stored: file.stored, missingChunks: missing)
    }
}

extension PlatformAPI.PublicConsultation: ResponseEncodable {
    package init(_ consultation: Consultation) {
        self.init(
            reference: consultation.reference.value, title: consultation.title, object: consultation.object,
            category: consultation.category.rawValue, cpv: consultation.cpv?.description,
            deadline: consultation.deadline, deadlineText: FrenchTime.text(consultation.deadline),
            envelopes: consultation.modalities.envelopes.sorted().map(\.rawValue),
            encryption: consultation.modalities.encryption, signature: consultation.modalities.signature.rawValue,
            hasDCE: consultation.dceSHA256 != nil)
    }
}

extension PlatformAPI.Deposit.State {
    package init(_ state: Deposit.State) {
        switch state {
        case .uploading: self = .uploading
        case .complete: self = .complete
        case .superseded: self = .superseded
        }
    }
}

extension PlatformAPI.Recipients: ResponseEncodable {}
extension PlatformAPI.Deposit: ResponseEncodable {}
extension PlatformAPI.DepositFile: ResponseEncodable {}
extension PlatformAPI.Receipt: ResponseEncodable {}
