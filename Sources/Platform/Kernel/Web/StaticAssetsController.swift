import CoreDesign
import Foundation
import Hummingbird

/// `/static/…`: the stylesheet shared with the assistant's page (`sceau.css`), and the scripts under
/// `Static/` of every platform library's resources (``WebResources``), read once at start.
package struct StaticAssetsController: Sendable {
    package init() {}

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

    /// Every `*.js` of the `Static/` folders, by file name.
    private static func scripts() -> [(String, ByteBuffer)] {
        let folders = WebResources.folders(named: "Static")
        guard !folders.isEmpty else {
            fatalError("The platform's scripts are missing from its resources (sceau_*.resources/Static).")
        }
        return folders.flatMap { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".js") }.sorted().compactMap { name -> (String, ByteBuffer)? in
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                else { return nil }
                return (name, ByteBuffer(bytes: data))
            }
        }
    }

    private static func asset(_ body: ByteBuffer, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: body))
    }
}
