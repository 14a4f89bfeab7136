import Foundation
import HummingbirdWebSocket
import NIOCore

/// The frames of one WebSocket session, read in order: text messages for JSON-RPC, and the binary
/// frames a method announced (a file to sign or verify), written straight to disk as they arrive.
final class WebSocketFrames {
    private var iterator: WebSocketInboundMessageStream.AsyncIterator
    let outbound: WebSocketOutboundWriter

    init(_ messages: WebSocketInboundMessageStream, outbound: WebSocketOutboundWriter) {
        iterator = messages.makeAsyncIterator()
        self.outbound = outbound
    }

    /// The next message, nil when the page closed the connection.
    func next() async throws -> WebSocketMessage? {
        try await iterator.next()
    }

    /// Receives exactly `count` bytes of binary frames into `file` (created), reporting progress.
    func receive(
        _ count: Int64, into file: URL, progress: (Int64) async -> Void
    ) async throws(FrameError) {
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = try? FileHandle(forWritingTo: file)
        else { throw .storage("cannot create \(file.lastPathComponent)") }
        defer { try? handle.close() }
        var received: Int64 = 0
        while received < count {
            let message: WebSocketMessage?
            do {
                message = try await iterator.next()
            } catch {
                throw .closed
            }
            guard let message else { throw .closed }
            guard case .binary(let buffer) = message else {
                throw .unexpectedText(received: received, expected: count)
            }
            received += Int64(buffer.readableBytes)
            AssistantMetrics.transferred(buffer.readableBytes, peer: "page", direction: "received")
            guard received <= count else { throw .tooLarge(expected: count) }
            do {
                try handle.write(contentsOf: buffer.readableBytesView)
            } catch {
                throw .storage(error.localizedDescription)
            }
            await progress(received)
        }
    }

    /// Sends a file as binary frames of at most 1 MiB.
    func send(fileAt file: URL) async throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try await outbound.write(.binary(ByteBuffer(bytes: chunk)))
            AssistantMetrics.transferred(chunk.count, peer: "page", direction: "sent")
        }
    }
}

/// Why the binary frames of a method did not arrive as announced.
enum FrameError: Error, CustomStringConvertible {
    case closed
    case unexpectedText(received: Int64, expected: Int64)
    case tooLarge(expected: Int64)
    case storage(String)

    var description: String {
        switch self {
        case .closed: "The page closed the connection before the whole file arrived."
        case .unexpectedText(let received, let expected):
            "A text message came after \(received) of the \(expected) announced bytes: send the whole file first."
        case .tooLarge(let expected): "More bytes arrived than the \(expected) announced."
        case .storage(let detail):
            "The file could not be stored while it is processed (\(detail)). Check the free space."
        }
    }
}
