import CLibXML2

/// One-time, thread-safe initialisation of libxml2, and the release of strings it allocates.
enum LibXML {
    /// Swift initialises static stored properties exactly once, under a lock, so `xmlInitParser` runs once.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised before any other call into it.
    static func ensureInitialised() {
        _ = initialised
    }

    /// Frees memory that libxml2 allocated (`xmlFree`, read through `xmlMemGet` as the global is mutable state).
    static func free(_ pointer: UnsafeMutableRawPointer?) {
        var release: xmlFreeFunc?
        guard xmlMemGet(&release, nil, nil, nil) == 0, let release else { return }
        release(pointer)
    }
}
