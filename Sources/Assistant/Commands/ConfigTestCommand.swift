import ArgumentParser
import Foundation

/// `sceau-assistant config-test`: the workstation configuration test; exits 1 when a check fails.
struct ConfigTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config-test",
        abstract: "Test this workstation's configuration: system, certificate stores, card readers, platform."
    )

    @Option(help: "The platform's base URL, to test communication with it.")
    var platform: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let url = try platform.map { text in
            guard let url = URL(string: text), url.scheme != nil else { throw ValidationError("Invalid URL \(text)") }
            return url
        }
        let report = await ConfigurationTest.run(browser: nil, platform: url)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
        if !report.ok { throw ExitCode(1) }
    }
}
