import CPCSCLite
import Glibc

/// A connection to the PC/SC service (pcscd): the readers it sees and the cards in them.
public final class PCSCContext: @unchecked Sendable {
    private let handle: SCARDCONTEXT

    /// Connects to pcscd; throws ``PCSCError/serviceUnavailable`` when it is not running.
    public init() throws(PCSCError) {
        var context: SCARDCONTEXT = 0
        let code = UInt32(truncatingIfNeeded: SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context))
        guard code == PCSCError.success else { throw PCSCError.from(code, function: "SCardEstablishContext") }
        handle = context
    }

    deinit { SCardReleaseContext(handle) }

    /// The names of the readers pcscd knows; empty when none is connected.
    public func readers() throws(PCSCError) -> [String] {
        var length: DWORD = 0
        var code = UInt32(truncatingIfNeeded: SCardListReaders(handle, nil, nil, &length))
        if code == PCSCError.noReaders { return [] }
        guard code == PCSCError.success else { throw PCSCError.from(code, function: "SCardListReaders") }
        var buffer = [CChar](repeating: 0, count: Int(length))
        code = UInt32(truncatingIfNeeded: SCardListReaders(handle, nil, &buffer, &length))
        if code == PCSCError.noReaders { return [] }
        guard code == PCSCError.success else { throw PCSCError.from(code, function: "SCardListReaders") }
        // A multi-string: names separated by NUL, ended by an empty name.
        return buffer.prefix(Int(length)).split(separator: 0).map { name in
            String(decoding: name.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The current state of each reader: whether a card is present, and its ATR.
    public func states(of readers: [String]) throws(PCSCError) -> [PCSCReaderState] {
        try waitForChange(
            from: readers.map { PCSCReaderState(reader: $0, eventState: 0, atr: []) }, timeoutMilliseconds: 0)
    }

    /// Waits until one of the readers changes from the given states (card inserted or removed), or the timeout.
    /// Returns the new states; throws ``PCSCError/timeout`` when nothing changed.
    public func waitForChange(
        from known: [PCSCReaderState], timeoutMilliseconds: UInt32
    ) throws(PCSCError) -> [PCSCReaderState] {
        let names = known.map { strdup($0.reader) }
        defer { for name in names { free(name) } }
        var states = known.indices.map { index in
            var state = SCARD_READERSTATE()
            state.szReader = UnsafePointer(names[index])
            state.dwCurrentState = DWORD(known[index].eventState & ~UInt32(SCARD_STATE_CHANGED))
            return state
        }
        let code = UInt32(
            truncatingIfNeeded: SCardGetStatusChange(handle, DWORD(timeoutMilliseconds), &states, DWORD(states.count)))
        guard code == PCSCError.success else { throw PCSCError.from(code, function: "SCardGetStatusChange") }
        return states.indices.map { index in
            let state = states[index]
            let atr = withUnsafeBytes(of: state.rgbAtr) { Array($0.prefix(Int(state.cbAtr))) }
            return PCSCReaderState(reader: known[index].reader, eventState: UInt32(state.dwEventState), atr: atr)
        }
    }
}
