import Foundation
import Glibc
import NIOPosix

/// Plain SMTP (RFC 5321) to a relay that needs no authentication, e.g. the local MTA of the server
/// (`serve --smtp HOST:PORT`). The conversation runs on NIO's thread pool, never on the event loops.
package struct SMTPMailer: Mailer {
    package let host: String
    package let port: Int
    /// The name given in `EHLO`.
    package var heloName = "sceau.localhost"
    /// Seconds to wait for each reply.
    package var timeout = 30

    /// `HOST:PORT` (`[::1]:25` for IPv6), or `nil` when the text is not one.
    package init?(relay: String) {
        guard let colon = relay.lastIndex(of: ":"), let port = Int(relay[relay.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(relay[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    package func send(_ message: MailMessage) async throws {
        for field in [message.from, message.to, message.subject] where field.contains(where: \.isNewline) {
            throw MailError.refused(
                command: "en-têtes", reply: "un en-tête contient un saut de ligne (\(field.debugDescription)).")
        }
        let text = Self.render(message, heloName: heloName)
        let host = host
        let port = port
        let helo = heloName
        let timeout = timeout
        try await NIOThreadPool.singleton.runIfActive {
            let connection = try SMTPConnection(host: host, port: port, timeout: timeout)
            defer { connection.close() }
            try connection.expect(220, after: "connexion")
            try connection.command("EHLO \(helo)", expect: 250)
            try connection.command("MAIL FROM:<\(message.from)>", expect: 250)
            try connection.command("RCPT TO:<\(message.to)>", expect: 250, or: 251)
            try connection.command("DATA", expect: 354)
            try connection.write(text + ".\r\n")
            try connection.expect(250, after: "DATA (fin du message)")
            try? connection.command("QUIT", expect: 221)
        }
    }

    /// The message as sent after `DATA`: headers, then the UTF-8 body in base64 lines (no line starts with
    /// a dot, so nothing to escape).
    package static func render(_ message: MailMessage, heloName: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let encodedSubject = "=?UTF-8?B?" + Data(message.subject.utf8).base64EncodedString() + "?="
        let body = Data(message.body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return [
            "From: \(message.from)",
            "To: \(message.to)",
            "Subject: \(encodedSubject)",
            "Date: \(formatter.string(from: Date()))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(heloName)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
            "",
        ].joined(separator: "\r\n")
    }
}

/// One blocking SMTP connection (run on the thread pool only).
private final class SMTPConnection {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    package init(host: String, port: Int, timeout: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw MailError.connection("adresse « \(host) » inconnue")
        }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var limit = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    connected = fd
                    break
                }
                _ = Glibc.close(fd)
            }
            candidate = info.pointee.ai_next
        }
        guard connected >= 0 else {
            throw MailError.connection("\(host):\(port) refuse la connexion (\(String(cString: strerror(errno))))")
        }
        descriptor = connected
    }

    package func close() { _ = Glibc.close(descriptor) }

    package func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { pointer in
                Glibc.send(descriptor, pointer.baseAddress, pointer.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw MailError.connection("envoi interrompu (\(String(cString: strerror(errno))))") }
            offset += sent
        }
    }

    package func command(_ line: String, expect code: Int, or other: Int? = nil) throws {
        try write(line + "\r\n")
        try expect(code, or: other, after: line)
    }

    /// Reads one reply (its continuation lines `NNN-` included) and requires its code.
    package func expect(_ code: Int, or other: Int? = nil, after command: String) throws {
        var lines: [String] = []
        while true {
            let line = try readLine()
            lines.append(line)
            let bytes = Array(line.utf8)
            if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") { break }
        }
        let last = lines.last ?? ""
        guard let received = Int(last.prefix(3)), received == code || received == other else {
            throw MailError.refused(command: command, reply: lines.joined(separator: " "))
        }
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw MailError.connection("le relais a fermé la connexion ou ne répond plus") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
