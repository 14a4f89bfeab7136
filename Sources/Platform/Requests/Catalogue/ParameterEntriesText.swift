import Foundation
import PlatformKernel

/// The values of a parameter list as the management page edits them: one line per value,
/// `clé ; libellé`, or `clé ; libellé ; clé parente` for a value nested in a checkbox tree.
package enum ParameterEntriesText {
    package static func text(_ entries: [ParameterList.Entry]) -> String {
        entries.map { entry in
            ([entry.key, entry.label] + (entry.parent.map { [$0] } ?? [])).joined(separator: " ; ")
        }.joined(separator: "\n")
    }

    /// Reads the lines; blank lines are skipped.
    package static func entries(_ text: String) throws(DomainError) -> [ParameterList.Entry] {
        var entries: [ParameterList.Entry] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.allSatisfy(\.isEmpty) { continue }
            guard parts.count == 2 || parts.count == 3 else {
                throw .invalidField(
                    field: "Valeurs",
                    reason: "ligne \(index + 1) : écrivez « clé ; libellé » ou « clé ; libellé ; clé parente ».")
            }
            let parent = parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil
            entries.append(ParameterList.Entry(key: parts[0], label: parts[1], parent: parent))
        }
        return entries
    }
}
