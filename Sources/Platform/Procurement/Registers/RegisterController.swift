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

/// One `Range: bytes=a-b` request (a single range, as download clients send).
package struct ByteRange: Sendable, Equatable {
    package let range: Range<Int64>
    package let size: Int64

    /// `nil` without a header; 416 for a range outside the file or several ranges.
    package init?(header: String?, size: Int64) throws {
        guard let header else { return nil }
        guard header.hasPrefix("bytes="), !header.contains(",") else {
            throw HTTPError(.rangeNotSatisfiable, message: "Une seule plage d'octets est acceptée.")
        }
        let parts = header.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw HTTPError(.rangeNotSatisfiable) }
        let lower: Int64
        let upper: Int64
        if parts[0].isEmpty, let suffix = Int64(parts[1]), suffix > 0 {
            lower = max(0, size - suffix)
            upper = size
        } else if let start = Int64(parts[0]) {
            lower = start
            upper = parts[1].isEmpty ? size : min(size, (Int64(parts[1]) ?? -1) + 1)
        } else {
            throw HTTPError(.rangeNotSatisfiable)
        }
        guard lower < upper, upper <= size else {
            throw HTTPError(.rangeNotSatisfiable, headers: [.contentRange: "bytes */\(size)"])
        }
        range = lower..<upper
        self.size = size
    }

    package var contentRange: String { "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)" }
}
