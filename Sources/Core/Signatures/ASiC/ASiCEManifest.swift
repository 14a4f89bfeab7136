import CoreModel

/// `META-INF/manifest.xml` of an ASiC-E container, in the OpenDocument manifest format (ETSI EN 319 162-1
/// A.1): the container's own MIME type at `/`, then each file with its MIME type.
enum ASiCEManifest {
    static let namespace = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

    static func render(_ files: [(name: String, mimeType: String)]) -> [UInt8] {
        var text = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        text += #"<manifest:manifest xmlns:manifest="\#(namespace)" manifest:version="1.2">"# + "\n"
        text += #"  <manifest:file-entry manifest:full-path="/" manifest:media-type="\#(ASiCE.mimeType)"/>"# + "\n"
        for file in files {
            text +=
                #"  <manifest:file-entry manifest:full-path="\#(escapeHTML(file.name))" "#
                + #"manifest:media-type="\#(escapeHTML(file.mimeType))"/>"# + "\n"
        }
        text += "</manifest:manifest>\n"
        return Array(text.utf8)
    }
}
