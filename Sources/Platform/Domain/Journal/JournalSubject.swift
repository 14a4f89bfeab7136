/// What a journal entry is about: a kind of record and its identifier, e.g. consultation 12 or deposit 7.
struct JournalSubject: Hashable, Sendable, CustomStringConvertible {
    /// A stable lowercase English noun: `consultation`, `deposit`, `envelope`, `agent`…
    let kind: String
    let id: Int64

    var description: String { "\(kind) \(id)" }

    static func organisation(_ id: Int64) -> JournalSubject { JournalSubject(kind: "organisation", id: id) }
    static func agent(_ id: Int64) -> JournalSubject { JournalSubject(kind: "agent", id: id) }
    static func consultation(_ id: Int64) -> JournalSubject { JournalSubject(kind: "consultation", id: id) }
    static func deposit(_ id: Int64) -> JournalSubject { JournalSubject(kind: "deposit", id: id) }
    static func envelope(_ id: Int64) -> JournalSubject { JournalSubject(kind: "envelope", id: id) }
}
