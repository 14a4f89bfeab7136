import Foundation

/// Asks the user through a pinentry program, speaking the Assuan protocol of GnuPG's pinentry:
/// `SETTITLE`, `SETDESC`, `SETPROMPT`, `SETERROR`, `GETPIN`, answered by `D <pin>` and `OK`.
///
/// The program is configurable (`pinentry-gnome3`, `pinentry-curses`, or a scripted one in tests).
public struct PinentrySource: PINSource {
    public let program: String

    public init(program: String = "pinentry") {
        self.program = program
    }

    public func pin(for request: PINRequest) async throws -> String? {
        let program = self.program
        return try await Task.detached { try Self.ask(program: program, request: request) }.value
    }

    private static func ask(program: String, request: PINRequest) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: resolve(program))
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw PINError.pinentryFailed(program: program, reason: error.localizedDescription)
        }
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        var reader = AssuanReader(handle: output.fileHandleForReading)
        func expectOK() throws {
            let line = try reader.line(program: program)
            guard line.hasPrefix("OK") else { throw PINError.pinentryFailed(program: program, reason: line) }
        }
        func send(_ command: String, _ argument: String? = nil) throws {
            var text = command
            if let argument { text += " " + Assuan.escape(argument) }
            input.fileHandleForWriting.write(Data((text + "\n").utf8))
        }
        try expectOK()
        let title = request.isPassphrase ? "Sceau : phrase de passe" : "Sceau : code PIN"
        try send("SETTITLE", title)
        try expectOK()
        try send("SETDESC", "\(request.purpose)\n\(request.isPassphrase ? "Fichier" : "Support") : \(request.store)")
        try expectOK()
        try send("SETPROMPT", request.isPassphrase ? "Phrase de passe :" : "PIN :")
        try expectOK()
        if let error = request.previousError {
            try send("SETERROR", error)
            try expectOK()
        }
        try send("GETPIN")
        let pin = try Assuan.readPIN(from: &reader, program: program)
        try? send("BYE")
        return pin
    }

    /// A bare program name is looked up on PATH.
    private static func resolve(_ program: String) -> String {
        guard !program.contains("/") else { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return program
    }
}

/// Assuan's percent-escaping of arguments and data lines.
enum Assuan {
    static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                bytes += Array(String(format: "%%%02X", byte).utf8)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Assuan {
    /// The answer to `GETPIN`: the PIN in `D` lines (percent-escaped, possibly split), up to `OK`; status
    /// (`S`) and comment (`#`) lines are skipped, `ERR` is a cancellation or a failure.
    static func readPIN(from reader: inout AssuanReader, program: String) throws -> String {
        var pin = ""
        while true {
            let line = try reader.line(program: program)
            if line.hasPrefix("D ") {
                pin += Assuan.unescape(String(line.dropFirst(2)))
            } else if line.hasPrefix("OK") {
                return pin
            } else if line.hasPrefix("ERR") {
                // GPG_ERR_CANCELED (99) and GPG_ERR_TIMEOUT (62) in the pinentry error space.
                if line.contains("83886179") || line.lowercased().contains("cancel") { throw PINError.cancelled }
                throw PINError.pinentryFailed(program: program, reason: line)
            } else if !line.hasPrefix("S ") && !line.hasPrefix("#") {
                throw PINError.pinentryFailed(program: program, reason: "unexpected answer \(line)")
            }
        }
    }
}

/// Reads Assuan lines from a pipe (or, in the fuzz target, from any source of chunks: an empty chunk is the end).
struct AssuanReader {
    private let read: () -> Data
    private var buffer: [UInt8] = []

    init(handle: FileHandle) { self.init { handle.availableData } }

    init(read: @escaping () -> Data) { self.read = read }

    mutating func line(program: String) throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let chunk = read()
            if chunk.isEmpty { throw PINError.pinentryFailed(program: program, reason: "it closed the dialog") }
            buffer.append(contentsOf: chunk)
        }
    }
}
