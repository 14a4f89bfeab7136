import CLibFuzzer

/// Runs libFuzzer on `body` with the command line's options (libFuzzer's own: corpus folders, -runs, -timeout…).
///
/// SwiftPM links an executable target's `@main` as `main`, so libFuzzer's own `main` stays out and each fuzz
/// target's `@main` calls this instead.
public enum LibFuzzer {
    /// The body under test; set once, before libFuzzer starts, and only read by its single fuzzing thread.
    nonisolated(unsafe) private static var body: ([UInt8]) -> Void = { _ in }

    public static func run(_ body: @escaping ([UInt8]) -> Void) -> Never {
        Self.body = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput)
        exit(status)
    }

    static func input(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        body(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    LibFuzzer.input(data, size)
    return 0
}

#if canImport(Glibc)
    import Glibc
#endif
