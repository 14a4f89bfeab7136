import Crypto
import Dispatch

/// SHA-256 computed on another thread while the caller goes on encrypting and writing: on a machine with
/// two cores, hashing a multi-gigabyte pli then costs almost no wall time. At most `depth` chunks wait
/// in line, so memory stays bounded.
final class BackgroundSHA256: @unchecked Sendable {
    // `hash` is touched only on `queue`; `slots` bounds what waits in line.
    private let queue = DispatchQueue(label: "sceau.seal.sha256")
    private let slots: DispatchSemaphore
    private var hash = SHA256()

    init(depth: Int = 4) {
        slots = DispatchSemaphore(value: depth)
    }

    /// Hands `bytes` to the hashing thread, waiting while `depth` chunks are already in line.
    func update(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        slots.wait()
        queue.async {
            self.hash.update(data: bytes)
            self.slots.signal()
        }
    }

    /// The digest of everything handed over, once the thread has caught up.
    func finalize() -> [UInt8] {
        queue.sync { Array(hash.finalize()) }
    }
}
