import CoreModel
import CorePlatformAPI
import Foundation
import FuzzDriver
import PlatformKernel
import Procurement

// What a deposit's upload routes read from the bidder before anything is stored: the `Range` header of a
// sealed file's download (`ByteRange`), a chunk's `X-Chunk-SHA256` header and index, the announce body
// (`PlatformAPI.SealedFile` and the checks of `DepositService.announce` on it), and an `UploadManifest` with the
// chunk checks of `ChunkedUpload.accept`.
//
// The input is split at its first six line feeds into seven fields (a missing field is absent):
//   0. the `Range` header          1. the file's size, for the range (decimal; otherwise the field's length)
//   2. the `X-Chunk-SHA256` header 3. the chunk index of the URL
//   4. the announce JSON body      5. an `UploadManifest` JSON
//   6. the rest: the chunk's bytes

@main enum FuzzUploadHeaders {
    static func main() { LibFuzzer.run(fuzzUploadHeaders) }
}

func fuzzUploadHeaders(_ bytes: [UInt8]) {
    let fields = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 6, omittingEmptySubsequences: false)
    func field(_ index: Int) -> ArraySlice<UInt8>? { index < fields.count ? fields[index] : nil }
    func text(_ index: Int) -> String? { field(index).map { String(decoding: $0, as: UTF8.self) } }

    // The range of a download, for a stored file (its size is never negative).
    let sizeText = text(1) ?? ""
    let fileSize = UInt64(sizeText).map { Int64(clamping: $0) } ?? Int64(sizeText.utf8.count)
    checkRange(text(0), size: fileSize)
    checkRange(text(0), size: 0)
    checkRange(text(0), size: .max)

    // The chunk's hash header, as DepositService.receiveChunk reads it.
    let expected = text(2).flatMap { ContentHash(hex: $0.lowercased()) }
    if let expected {
        precondition(expected.hex.utf8.count == 64 && ContentHash(hex: expected.hex) == expected)
    }
    // The chunk index of the URL, as the router converts it.
    let index = text(3).flatMap { Int($0) }
    let chunk = field(6) ?? []

    // The announce body.
    if let body = field(4), let file = try? JSONDecoder().decode(PlatformAPI.SealedFile.self, from: Data(body)) {
        checkAnnounce(file)
    }

    // A manifest, then chunk `index` of the input's bytes against it.
    if let json = field(5), let manifest = try? JSONDecoder().decode(UploadManifest.self, from: Data(json)),
        (try? manifest.validate()) != nil
    {
        checkManifest(manifest)
        if let index {
            if (try? manifest.checkChunk(index: index, byteCount: chunk.count)) != nil {
                precondition(manifest.size(ofChunk: index) == chunk.count)
                if let expected { _ = ContentHash.of(chunk) == expected }
            } else {
                _ = UploadError.chunkOutOfRange(index: index, chunkCount: manifest.chunkCount).description
            }
        }
    }
}

/// `ByteRange` on a header: `nil` without one, else a non-empty range inside the file, or an HTTP error.
func checkRange(_ header: String?, size: Int64) {
    do {
        guard let range = try ByteRange(header: header, size: size) else {
            precondition(header == nil)
            return
        }
        precondition(0 <= range.range.lowerBound && range.range.lowerBound < range.range.upperBound)
        precondition(range.range.upperBound <= size && range.size == size)
        precondition(range.contentRange.hasPrefix("bytes "))
    } catch {}
}

/// What `DepositService.announce` and its route check before touching storage, in their order.
func checkAnnounce(_ file: PlatformAPI.SealedFile) {
    let envelope = ConsultationEnvelope(rawValue: file.envelope)
    let hash = ContentHash(hex: file.sha256.lowercased())
    guard let name = try? DepositPolicy.checkFile(name: file.name, size: file.size, sha256: file.sha256.lowercased())
    else { return }
    precondition((1...255).contains(name.utf8.count) && !DisplaySafeText.containsUnsafe(name))
    precondition(!name.contains("/") && !name.contains("\\") && name != "." && name != "..")
    precondition(file.size >= 1)
    guard let hash else { return }
    precondition(hash.hex == file.sha256.lowercased())
    guard let envelope,
        (try? DepositPolicy.checkQuotas(
            name: name, size: file.size, envelope: envelope, existing: [], quotas: DepositQuotas())) != nil
    else { return }
    // The upload announce starts for it.
    let manifest = UploadManifest(size: file.size, sha256: hash, chunkSize: DepositPolicy.chunkSize)
    guard (try? manifest.validate()) != nil else { preconditionFailure("a file within the quotas has no manifest") }
    checkManifest(manifest)
}

/// A valid manifest's chunks: every index from 0 has the announced size (every one when there are at most 2^16,
/// else the first and last 1,024), and the chunks add up to the file.
func checkManifest(_ manifest: UploadManifest) {
    let count = manifest.chunkCount
    precondition(count >= 0 && count <= UploadManifest.maximumChunkCount)
    precondition(manifest.size == 0 ? count == 0 : count >= 1)
    guard count > 0 else { return }
    let indexes = count <= 1 << 16 ? Array(0..<count) : Array(0..<1024) + Array((count - 1024)..<count)
    for index in indexes {
        let size = manifest.size(ofChunk: index)
        precondition(size >= 1 && size <= manifest.chunkSize)
        precondition(index == count - 1 || size == manifest.chunkSize)
        precondition((try? manifest.checkChunk(index: index, byteCount: size)) != nil)
    }
    precondition(
        Int64(count - 1) * Int64(manifest.chunkSize) + Int64(manifest.size(ofChunk: count - 1)) == manifest.size)
    precondition((try? manifest.checkChunk(index: count, byteCount: 1)) == nil)
    precondition((try? manifest.checkChunk(index: -1, byteCount: 1)) == nil)
}
