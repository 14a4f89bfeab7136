/// What a journal entry is about: a kind of record and its identifier, e.g. consultation 12 or deposit 7.
package struct JournalSubject: Hashable, Sendable, CustomStringConvertible {
    /// A stable lowercase English noun: `consultation`, `deposit`, `envelope`, `agent`…
    package let kind: String
    package let id: Int64

    package init(kind: String, id: Int64) {
        self.kind = kind
        self.id = id
    }

    package var description: String { "\(kind) \(id)" }

    package static func organisation(_ id: Int64) -> JournalSubject { JournalSubject(kind: "organisation", id: id) }
    package static func agent(_ id: Int64) -> JournalSubject { JournalSubject(kind: "agent", id: id) }
    package static func consultation(_ id: Int64) -> JournalSubject { JournalSubject(kind: "consultation", id: id) }
    package static func deposit(_ id: Int64) -> JournalSubject { JournalSubject(kind: "deposit", id: id) }
    package static func envelope(_ id: Int64) -> JournalSubject { JournalSubject(kind: "envelope", id: id) }
}
