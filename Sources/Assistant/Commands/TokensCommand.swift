import ArgumentParser
import CoreTokens
import Foundation

/// `sceau-assistant tokens`: the PKCS#11 modules, slots and tokens p11-kit gives access to.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "List the PKCS#11 modules registered with p11-kit and the tokens in their slots."
    )

    @OptionGroup var tokens: TokenOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let library = try tokens.library()
        let listing = TokenListing(library: library)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(listing), as: UTF8.self))
        } else {
            print(listing.text, terminator: "")
        }
    }
}
