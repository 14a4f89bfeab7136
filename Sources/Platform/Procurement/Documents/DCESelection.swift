import Foundation
import PlatformKernel

/// The files a bidder chose inside the DCE for a partial download, by their number in the DCE's list of files
/// (the page's checkboxes; numbers survive any spelling of names in a URL): each must name a file of that list
/// (folders and unsafe paths are not listed); repeated numbers count once; at least one.
package enum DCESelection {
    /// The files of `entries` a bidder may choose from, in the archive's order.
    package static func files(of entries: [ZIPEntry]) -> [ZIPEntry] {
        entries.filter { !$0.isDirectory && ZIPArchivePolicy.isSafe(path: $0.name) }
    }

    /// The chosen files, in the archive's order.
    package static func entries(numbered numbers: [String], in entries: [ZIPEntry]) throws(DomainError) -> [ZIPEntry] {
        let files = files(of: entries)
        var chosen = Set<Int>()
        for text in numbers {
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)), files.indices.contains(number) else {
                throw .invalidField(
                    field: "fichiers",
                    reason: "Le fichier n° \(text) n'est pas dans le DCE : rechargez la page et cochez à nouveau.")
            }
            chosen.insert(number)
        }
        guard !chosen.isEmpty else {
            throw .invalidField(field: "fichiers", reason: "Cochez au moins un fichier du DCE à télécharger.")
        }
        return chosen.sorted().map { files[$0] }
    }
}
