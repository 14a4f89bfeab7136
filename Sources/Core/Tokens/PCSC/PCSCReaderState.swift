import CPCSCLite

/// A reader and what is in it, as pcscd reports it.
public struct PCSCReaderState: Sendable, Equatable {
    /// The reader's name, e.g. "Virtual PCD 00 00".
    public let reader: String
    /// The raw SCARD_STATE_* flags.
    public let eventState: UInt32
    /// The Answer To Reset of the card, empty without a card.
    public let atr: [UInt8]

    /// Whether a card is in the reader.
    public var cardPresent: Bool { eventState & UInt32(SCARD_STATE_PRESENT) != 0 }
}
