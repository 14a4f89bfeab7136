import Foundation
import HTTPTypes
import Hummingbird
import PlatformKernel

/// The agents' side of deposits: registers (JSON and CSV), the DCE upload, and the sealed files for
/// opening (`/api/consultations/:id/…`, `/api/deposits/:id/files/:file/content`).
package struct RegisterController: Sendable {
    package let registers: RegisterService

    package init(registers: RegisterService) {
        self.registers = registers
    }

    package struct DCEView: Codable, Sendable, ResponseEncodable {
        package let sha256: String
        package let size: Int64

        package init(sha256: String, size: Int64) {
            self.sha256 = sha256
            self.size = size
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api", context: AgentRequestContext.self)
        api.get("consultations/:id/deposits") { _, context in
            try await registers.deposits(
                of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        }
        api.get("consultations/:id/downloads") { _, context in
            try await registers.downloads(
                of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        }
        api.get("consultations/:id/registres/depots.csv") { _, context in
            Self.csv(
                try await registers.depositsCSV(
                    of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority),
                name: "registre-depots")
        }
        api.get("consultations/:id/registres/retraits.csv") { _, context in
            Self.csv(
                try await registers.downloadsCSV(
                    of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority),
                name: "registre-retraits")
        }
        api.put("consultations/:id/dce") { request, context in
            let stored = try await registers.attachDCE(
                request.body, announcedSize: request.headers[.contentLength].flatMap { Int64($0) },
                to: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
            return DCEView(sha256: stored.hash.description, size: stored.size)
        }
        api.get("deposits/:id/files/:file/content") { request, context -> Response in
            let (file, hash) = try await registers.sealedFile(
                depositID: try context.parameters.require("id", as: Int64.self),
                fileID: try context.parameters.require("file", as: Int64.self), by: context.signedIn.authority
            )
            let range = try ByteRange(header: request.headers[.range], size: file.size)
            let slice = try await registers.files.read(hash, range: range?.range)
            var headers: HTTPFields = [
                .contentType: "application/pkcs7-mime", .acceptRanges: "bytes", .contentLength: String(slice.count),
                .contentDisposition: "attachment; filename=\"\(file.name.replacingOccurrences(of: "\"", with: "_"))\"",
            ]
            if let range { headers[.contentRange] = range.contentRange }
            return Response(
                status: range == nil ? .ok : .partialContent, headers: headers, body: ResponseBody(asyncSequence: slice)
            )
        }
    }

    private static func csv(_ text: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(name).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
