import Foundation

/// A legal page's plain text cut into blocks for its template: paragraphs are separated by blank lines and
/// lines starting with "- " are list items. No markup is interpreted; the template escapes every word.
package struct LegalText: Sendable, Equatable {
    /// A paragraph or a list, as the template reads it.
    package struct Block: Sendable, Equatable {
        package let paragraph: String
        package let isParagraph: Bool
        package let items: [Item]
        package let isList: Bool
    }

    /// One list item (a struct so that Mustache reads it by name).
    package struct Item: Sendable, Equatable {
        package let text: String
    }

    package let blocks: [Block]

    package init(_ text: String) {
        var blocks: [Block] = []
        var lines: [String] = []
        var items: [Item] = []
        func flush() {
            if !lines.isEmpty {
                blocks.append(
                    Block(paragraph: lines.joined(separator: " "), isParagraph: true, items: [], isList: false))
            }
            if !items.isEmpty { blocks.append(Block(paragraph: "", isParagraph: false, items: items, isList: true)) }
            lines = []
            items = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("- ") {
                if !lines.isEmpty { flush() }
                items.append(Item(text: String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)))
            } else {
                if !items.isEmpty { flush() }
                lines.append(line)
            }
        }
        flush()
        self.blocks = blocks
    }
}
