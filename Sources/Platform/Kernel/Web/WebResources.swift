import Foundation

/// Where the pages' resources are: the `Templates/` and `Static/` folders of every platform library's resource
/// bundle (`sceau_PlatformKernel.resources`, `sceau_Procurement.resources`, …), which SwiftPM puts side by
/// side.
package enum WebResources {
    /// The libraries that ship pages, by target name.
    package static let libraries = ["PlatformKernel", "Procurement", "Requests", "PlatformApp"]

    /// The folders named `name` inside the libraries' resource bundles.
    package static func folders(named name: String) -> [URL] {
        let parent = Bundle.module.bundleURL.deletingLastPathComponent()
        return libraries.map { parent.appendingPathComponent("sceau_\($0).resources/\(name)") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
