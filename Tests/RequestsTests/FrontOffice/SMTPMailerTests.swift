import Foundation
import Glibc
import PlatformTestSupport
import Synchronization
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// ``SMTPMailer`` against a small SMTP sink on loopback that speaks the few commands a relay needs.
struct SMTPMailerTests {
    @Test func sendsThroughARealSMTPConversation() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let mailer = try #require(SMTPMailer(relay: "127.0.0.1:\(sink.port)"))
        try await mailer.send(
            MailMessage(
                from: "ne-pas-repondre@sceau.invalid", to: "claire@example.invalid",
                subject: "Votre brouillon « Acte de naissance »", body: "Bonjour,\n.\nÀ bientôt, la mairie."))
        let received = try #require(sink.messages.first)
        #expect(received.commands.contains("MAIL FROM:<ne-pas-repondre@sceau.invalid>"))
        #expect(received.commands.contains("RCPT TO:<claire@example.invalid>"))
        #expect(received.data.contains("Content-Type: text/plain; charset=utf-8"))
        // The subject in RFC 2047, the body in base64: both come back as written.
        let subject = try #require(received.header("Subject"))
        #expect(subject.hasPrefix("=?UTF-8?B?"))
        let encoded = String(subject.dropFirst("=?UTF-8?B?".count).dropLast(2))
        #expect(
            String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self).contains(
                "« Acte de naissance »"))
        let body = try #require(Data(base64Encoded: received.body, options: .ignoreUnknownCharacters))
        #expect(String(decoding: body, as: UTF8.self) == "Bonjour,\n.\nÀ bientôt, la mairie.")
        #expect(received.commands.last == "QUIT")
    }

    @Test func aRefusedRecipientFailsWithTheRelaysReply() async throws {
        let sink = try SMTPSink(refuseRecipients: true)
        defer { sink.stop() }
        let mailer = try #require(SMTPMailer(relay: "127.0.0.1:\(sink.port)"))
        do {
            try await mailer.send(
                MailMessage(from: "a@sceau.invalid", to: "b@example.invalid", subject: "s", body: "b"))
            Issue.record("the refused recipient should fail the send")
        } catch let error as MailError {
            #expect(error.description.contains("550"))
        }
        #expect(sink.messages.isEmpty)
    }

    @Test func aClosedPortFailsAndTheRelayIsParsed() async throws {
        #expect(SMTPMailer(relay: "localhost")?.port == nil)
        #expect(SMTPMailer(relay: "[::1]:2525")?.host == "::1")
        let mailer = try #require(SMTPMailer(relay: "127.0.0.1:1"))
        await #expect(throws: MailError.self) {
            try await mailer.send(
                MailMessage(from: "a@sceau.invalid", to: "b@example.invalid", subject: "s", body: "b"))
        }
        await #expect(throws: MailError.self) {
            try await mailer.send(MailMessage(from: "a@sceau.invalid", to: "b@x\r\nBcc: c@y", subject: "s", body: "b"))
        }
    }
}

/// A one-thread SMTP sink on 127.0.0.1: accepts connections one by one, answers `EHLO`, `MAIL`, `RCPT`,
/// `DATA` and `QUIT`, and keeps what it received. It runs on its own thread, not the test's executor.
final class SMTPSink: Sendable {
    struct Message: Sendable {
        var commands: [String]
        var data: String

        func header(_ name: String) -> String? {
            data.components(separatedBy: "\r\n").first { $0.hasPrefix("\(name): ") }.map {
                String($0.dropFirst(name.count + 2))
            }
        }

        var body: String {
            guard let range = data.range(of: "\r\n\r\n") else { return "" }
            return String(data[range.upperBound...])
        }
    }

    let port: Int
    private let listener: Int32
    private let received = Mutex<[Message]>([])
    private let refuseRecipients: Bool

    var messages: [Message] { received.withLock { $0 } }

    init(refuseRecipients: Bool = false) throws {
        self.refuseRecipients = refuseRecipients
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 4) == 0 else { throw MailError.connection("sink") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        _ = close(listener)
    }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            converse(client)
            _ = close(client)
        }
    }

    private func converse(_ client: Int32) {
        var buffer: [UInt8] = []
        func readLine() -> String? {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    var line = Array(buffer[..<end])
                    buffer.removeSubrange(...end)
                    if line.last == 13 { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                var chunk = [UInt8](repeating: 0, count: 512)
                let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return nil }
                buffer.append(contentsOf: chunk[..<count])
            }
        }
        func reply(_ text: String) {
            let bytes = Array((text + "\r\n").utf8)
            _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        var message = Message(commands: [], data: "")
        reply("220 sink ESMTP")
        while let line = readLine() {
            message.commands.append(line)
            let verb = line.prefix(4).uppercased()
            switch verb {
            case "EHLO": reply("250-sink\r\n250 8BITMIME")
            case "MAIL": reply("250 OK")
            case "RCPT": reply(refuseRecipients ? "550 5.1.1 destinataire inconnu" : "250 OK")
            case "DATA":
                reply("354 fin par <CRLF>.<CRLF>")
                var lines: [String] = []
                while let dataLine = readLine(), dataLine != "." {
                    lines.append(dataLine.hasPrefix("..") ? String(dataLine.dropFirst()) : dataLine)
                }
                message.data = lines.joined(separator: "\r\n")
                reply("250 OK reçu")
            case "QUIT":
                let done = message
                if !done.data.isEmpty { received.withLock { $0.append(done) } }
                reply("221 au revoir")
                return
            default: reply("500 commande inconnue")
            }
        }
    }
}
