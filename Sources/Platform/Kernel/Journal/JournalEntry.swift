/// One link of the journal: an event, its place in the chain, and the hash that seals it to its predecessor.
package struct JournalEntry: Hashable, Sendable {
    /// 1 for the first entry, then without gaps.
    package let sequence: Int64
    /// Whole seconds since 1970 (UTC), as every time of the platform (see ``Timestamp``).
    package let time: Int64
    package let event: JournalEvent
    /// The hash of the entry before, ``JournalHash/genesis`` for the first.
    package let previousHash: JournalHash
    /// SHA-256(``previousHash`` ‖ ``canonicalEncoding``).
    package let hash: JournalHash

    /// An entry as stored, hashes included, without checking them (see ``JournalChain``).
    package init(sequence: Int64, time: Int64, event: JournalEvent, previousHash: JournalHash, hash: JournalHash) {
        self.sequence = sequence
        self.time = time
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }

    /// A new entry following `previousHash`, its hash computed.
    package init(sequence: Int64, time: Int64, event: JournalEvent, previousHash: JournalHash) {
        let encoding = Self.canonicalEncoding(sequence: sequence, time: time, event: event)
        self.init(
            sequence: sequence, time: time, event: event, previousHash: previousHash,
            hash: .chaining(previousHash, encoding))
    }

    /// The hash this entry's content gives after ``previousHash``; differs from ``hash`` when it was edited.
    package var computedHash: JournalHash {
        .chaining(previousHash, Self.canonicalEncoding(sequence: sequence, time: time, event: event))
    }

    /// The bytes that are hashed, identical on every backend and platform (version 1):
    ///
    /// ```
    /// encoding = 0x01                          version
    ///          ‖ u64 sequence ‖ i64 time
    ///          ‖ str actor                     "system", "agent:12", "company:7"
    ///          ‖ 0x00 | 0x01 ‖ i64 entity       entity absent | present
    ///          ‖ str subject kind ‖ i64 subject id
    ///          ‖ str action
    ///          ‖ u32 n ‖ (str key ‖ str value) × n, keys in increasing order of their UTF-8 bytes
    /// str      = u32 length in bytes ‖ UTF-8 bytes
    /// ```
    ///
    /// Integers are big-endian, two's complement for signed ones. Every variable field is length-prefixed,
    /// so no two different entries share an encoding.
    package static func canonicalEncoding(sequence: Int64, time: Int64, event: JournalEvent) -> [UInt8] {
        var bytes: [UInt8] = [1]
        bytes.append(integer: UInt64(bitPattern: sequence))
        bytes.append(integer: UInt64(bitPattern: time))
        bytes.append(string: event.actor.description)
        if let entity = event.entityID {
            bytes.append(1)
            bytes.append(integer: UInt64(bitPattern: entity))
        } else {
            bytes.append(0)
        }
        bytes.append(string: event.subject.kind)
        bytes.append(integer: UInt64(bitPattern: event.subject.id))
        bytes.append(string: event.action.rawValue)
        let details = event.details.map { (key: Array($0.key.utf8), value: Array($0.value.utf8)) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        bytes.append(length: details.count)
        for (key, value) in details {
            bytes.append(length: key.count)
            bytes.append(contentsOf: key)
            bytes.append(length: value.count)
            bytes.append(contentsOf: value)
        }
        return bytes
    }
}

extension [UInt8] {
    fileprivate mutating func append(integer: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: integer >> shift)) }
    }

    fileprivate mutating func append(length: Int) {
        let value = UInt32(length)
        for shift in stride(from: 24, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    fileprivate mutating func append(string: String) {
        let utf8 = Array(string.utf8)
        append(length: utf8.count)
        append(contentsOf: utf8)
    }
}
