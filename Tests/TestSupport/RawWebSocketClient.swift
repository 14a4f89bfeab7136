import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately small WebSocket client (RFC 6455) over a blocking socket, for tests that must
/// choose every header a browser or an attacker would send (Host, Origin), which ready-made clients
/// fill in themselves.
public final class RawWebSocketClient {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port` and performs the opening handshake; throws ``Refused`` with the
    /// HTTP status when the server does not switch protocols. A read waits at most `timeout` seconds:
    /// generous, as a loaded machine (the whole test run on two CPUs) answers slowly.
    public init(port: Int, path: String, host: String? = nil, origin: String?, timeout seconds: Int = 60) throws {
        guard let descriptor = connectLoopback(port: port) else { throw Refused(status: 0) }
        self.descriptor = descriptor
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = "GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n"
        if let origin { request += "Origin: \(origin)\r\n" }
        request += "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        try send(Array(request.utf8))
        let head = try readHead()
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        guard status == 101 else {
            close(descriptor)
            throw Refused(status: status)
        }
    }

    deinit { close(descriptor) }

    /// Sends one masked text frame.
    public func sendText(_ text: String) throws {
        try sendFrame(opcode: 0x1, payload: Array(text.utf8))
    }

    /// Sends one masked binary frame.
    public func sendBinary(_ payload: [UInt8]) throws {
        try sendFrame(opcode: 0x2, payload: payload)
    }

    private func sendFrame(opcode: UInt8, payload: [UInt8]) throws {
        var frame: [UInt8] = [0x80 | opcode]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            frame.append(0x80 | 127)
            frame += (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        let mask: [UInt8] = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try send(frame)
    }

    /// The next text message, or `nil` when the server closed the connection; binary frames are skipped.
    public func receiveText() throws -> String? {
        while true {
            switch try receive() {
            case .text(let text)?: return text
            case .binary?: continue
            case nil: return nil
            }
        }
    }

    /// A message from the server.
    public enum Message: Equatable {
        case text(String)
        case binary([UInt8])
    }

    /// The next text or binary message, or `nil` when the server closed the connection.
    public func receive() throws -> Message? {
        while true {
            let header = try read(2)
            let opcode = header[0] & 0x0F
            var length = Int(header[1] & 0x7F)
            if length == 126 {
                length = try read(2).reduce(0) { $0 << 8 | Int($1) }
            } else if length == 127 {
                length = try read(8).reduce(0) { $0 << 8 | Int($1) }
            }
            let payload = try read(length)
            switch opcode {
            case 0x1: return .text(String(decoding: payload, as: UTF8.self))
            case 0x2: return .binary(payload)
            case 0x8: return nil
            default: continue
            }
        }
    }

    /// Refused handshake, with the HTTP status (0 when the connection failed).
    public struct Refused: Error {
        public let status: Int
    }

    private func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw Refused(status: 0) }
            offset += sent
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let received = recv(descriptor, &chunk, chunk.count, 0)
        guard received > 0 else { throw EndOfStream() }
        buffer += chunk.prefix(received)
    }

    private func read(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        defer { buffer.removeFirst(count) }
        return Array(buffer.prefix(count))
    }

    private func readHead() throws -> String {
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let range = buffer.firstRange(of: end) {
                defer { buffer.removeSubrange(..<range.upperBound) }
                return String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
            }
            try fill()
        }
    }

    /// The server closed the connection without a close frame.
    public struct EndOfStream: Error {}
}

/// Runs blocking work (sockets, processes) on a Dispatch thread, so that it never holds one of the
/// few threads of Swift's cooperative pool that the server under test needs.
public func onBlockingThread<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        // A thread of its own: Dispatch's global queues also carry Swift concurrency's jobs.
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
