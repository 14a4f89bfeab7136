import CoreTokens
import CoreXML
import CoreZIP
import Foundation

/// Makes ASiC-E containers (ETSI EN 319 162-1) holding one XAdES signature per signature file, whose
/// detached References name the container's files; and adds a parallel signature to an existing container,
/// into a new container (the original is never altered). Files are copied once, in chunks, their digests
/// computed on the way, so files of several gigabytes are signed in bounded memory.
public struct ASiCESigner: Sendable {
    public let signer: XAdESSigner

    public init(signer: XAdESSigner) {
        self.signer = signer
    }

    /// Writes to `destination` (which must not exist) a container of `files`, each stored under its own
    /// name, with `META-INF/signatures0.xml` signing all of them.
    public func sign(files: [URL], to destination: URL, at time: Date = Date()) async throws {
        var seen: Set<String> = []
        for file in files {
            let name = file.lastPathComponent
            guard name != ASiCE.mimeTypeEntry, name != "META-INF", ZIPName.isSafe(name) else {
                throw SignatureError.unsuitableFile(path: file.path, reason: "its name is reserved in a container")
            }
            guard seen.insert(name.precomposedStringWithCanonicalMapping).inserted else {
                throw SignatureError.unsuitableFile(
                    path: file.path, reason: "another file has the same name; a container holds one file per name")
            }
        }
        try await write(to: destination, at: time) { writer in
            var objects: [XAdESDataObject] = []
            var manifest: [(name: String, mimeType: String)] = []
            for file in files {
                let name = file.lastPathComponent
                var hasher = signer.digestAlgorithm.hasher()
                try writer.add(name: name, fileAt: file) { hasher.update(bufferPointer: $0) }
                let mimeType = XAdESSigner.mimeType(of: file)
                objects.append(
                    XAdESDataObject(uri: XAdESSigner.relativeURI(name), digest: hasher.finalize(), mimeType: mimeType))
                manifest.append((name, mimeType))
            }
            try writer.add(name: ASiCE.manifestEntry, bytes: ASiCEManifest.render(manifest))
            return (objects, ASiCE.signatureEntry(0))
        }
    }

    /// Writes to `destination` a copy of the container at `source` with one more signature file over every
    /// file it holds (a parallel signature); the signatures already there are copied unchanged.
    public func addSignature(to source: URL, writingTo destination: URL, at time: Date = Date()) async throws {
        let reader = try ZIPReader(fileAt: source)
        guard let mimeType = reader.entry(named: ASiCE.mimeTypeEntry),
            try reader.contents(of: mimeType, maximumSize: 256) == Array(ASiCE.mimeType.utf8)
        else {
            throw SignatureError.unsuitableFile(
                path: source.path, reason: "it is not an ASiC-E container (no mimetype \(ASiCE.mimeType))")
        }
        var number = 0
        while reader.entry(named: ASiCE.signatureEntry(number)) != nil { number += 1 }
        let signatureName = ASiCE.signatureEntry(number)
        try await write(to: destination, at: time) { writer in
            var objects: [XAdESDataObject] = []
            for entry in reader.entries where entry.name != ASiCE.mimeTypeEntry {
                if entry.isDirectory { continue }
                var hasher = signer.digestAlgorithm.hasher()
                try writer.beginEntry(name: entry.name, size: entry.uncompressedSize)
                try reader.stream(entry) { chunk in
                    hasher.update(bufferPointer: chunk)
                    try writer.append(chunk)
                }
                try writer.endEntry()
                if ASiCE.isDataEntry(entry.name) {
                    objects.append(
                        XAdESDataObject(
                            uri: XAdESSigner.relativeURI(entry.name), digest: hasher.finalize(),
                            mimeType: XAdESSigner.mimeType(of: URL(fileURLWithPath: entry.name))))
                }
            }
            guard !objects.isEmpty else {
                throw SignatureError.unsuitableFile(path: source.path, reason: "the container holds no file to sign")
            }
            return (objects, signatureName)
        }
    }

    /// Writes a container into a hidden part file next to `destination`: `mimetype` first, then what
    /// `body` adds (returning what to sign and the signature file's name), then the signature; puts it in
    /// place only when complete.
    private func write(
        to destination: URL, at time: Date,
        _ body: (ZIPWriter) throws -> (objects: [XAdESDataObject], signatureName: String)
    ) async throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).part")
        let writer = try ZIPWriter(creatingFileAt: temporary, modified: time)
        do {
            try writer.add(name: ASiCE.mimeTypeEntry, bytes: Array(ASiCE.mimeType.utf8))
            let (objects, signatureName) = try body(writer)
            let signature = try await signer.sign(objects, inASiCContainer: true, at: time)
            try writer.add(name: signatureName, bytes: signature)
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
        try SignatureOutputFile.place(temporary, at: destination)
    }
}
