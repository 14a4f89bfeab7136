import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as ordered pairs: a name may repeat (checkboxes).
package struct FormFields: Sendable {
    package let pairs: [(name: String, value: String)]

    /// Reads the body of `request` (at most the context's upload size).
    package static func read(_ request: Request, context: PlatformRequestContext) async throws -> FormFields {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: body))
    }

    package init(_ text: String) {
        pairs = text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    package subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    package func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
}
