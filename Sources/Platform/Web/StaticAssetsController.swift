import CoreDesign
import Foundation
import Hummingbird

/// `/static/…`: the stylesheet shared with the assistant's page (`sceau.css`), and the scripts under
/// `Static/` (this target's resources), read once at start.
package struct StaticAssetsController: Sendable {
    package func register(on router: Router<PlatformRequestContext>) {
        let stylesheet = ByteBuffer(string: Stylesheet.css)
        router.get("static/sceau.css") { _, _ in
            Self.asset(stylesheet, type: "text/css; charset=utf-8")
        }
        for (name, body) in Self.scripts() {
            router.get("static/\(name)") { _, _ in
                Self.asset(body, type: "text/javascript; charset=utf-8")
            }
        }
    }

    /// Every `*.js` of `Static/`, by file name.
    private static func scripts() -> [(String, ByteBuffer)] {
        guard let folder = Bundle.module.url(forResource: "Static", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { fatalError("The platform's scripts are missing from its resources (sceau_Platform.resources).") }
        return names.filter { $0.hasSuffix(".js") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
            else { return nil }
            return (name, ByteBuffer(bytes: data))
        }
    }

    private static func asset(_ body: ByteBuffer, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: body))
    }
}
