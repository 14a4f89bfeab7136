/// A PDF dictionary that keeps the order of its keys, so rewritten objects stay recognisable.
public struct PDFDictionary: Equatable, Sendable {
    public private(set) var entries: [(key: String, value: PDFObject)]

    public init(_ entries: [(key: String, value: PDFObject)] = []) { self.entries = entries }

    public subscript(key: String) -> PDFObject? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public var keys: [String] { entries.map(\.key) }

    public static func == (lhs: PDFDictionary, rhs: PDFDictionary) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
