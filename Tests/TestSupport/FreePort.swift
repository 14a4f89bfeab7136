import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's choice for port 0).
public func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw CommandFailed(command: "socket()", status: errno) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
        }
    }
    guard bound else { throw CommandFailed(command: "bind(127.0.0.1:0)", status: errno) }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Waits until something accepts connections on 127.0.0.1:`port` (at most `timeout` seconds: generous,
/// as a loaded machine starts servers slowly).
public func waitForListener(port: Int, timeout: TimeInterval = 240) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await onBlockingThread({ isListening(port) }) { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw CommandFailed(command: "connect(127.0.0.1:\(port))", status: nil)
}

/// Whether a connection to 127.0.0.1:`port` succeeds now.
private func isListening(_ port: Int) -> Bool {
    guard let descriptor = connectLoopback(port: port) else { return false }
    close(descriptor)
    return true
}

/// A socket connected to 127.0.0.1:`port`, or `nil` when nothing accepts there.
func connectLoopback(port: Int) -> Int32? {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let connected = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
    guard connected else {
        close(descriptor)
        return nil
    }
    return descriptor
}
