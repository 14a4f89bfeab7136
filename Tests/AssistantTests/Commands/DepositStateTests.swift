import Foundation
import Testing

@testable import Assistant

/// Where a deposit keeps its state: the same command line finds the same directory again, any other
/// platform, consultation, login or file another one.
struct DepositStateTests {
    let base = URL(fileURLWithPath: "/state")
    let files = [("candidature", "/d/DC1.pdf"), ("offre", "/d/offre.pdf")]

    private func directory(
        platform: String = "https://p.example", consultation: String = "AOO/2026-042", login: String = "bidder",
        files: [(String, String)]? = nil
    ) -> URL {
        DepositState.directory(
            base: base, platform: platform, consultation: consultation, login: login, files: files ?? self.files)
    }

    @Test func theSameCommandLineFindsTheSameDirectory() {
        #expect(directory() == directory())
        #expect(directory().deletingLastPathComponent().path == base.path)
        #expect(directory().lastPathComponent.hasPrefix("AOO_2026-042-"))
        #expect(directory(platform: "https://q.example") != directory())
        #expect(directory(consultation: "AOO_2026_043") != directory())
        #expect(directory(login: "other") != directory())
        #expect(directory(files: [("offre", "/d/offre.pdf")]) != directory())
        #expect(directory(files: [("candidature", "/d/offre.pdf"), ("offre", "/d/DC1.pdf")]) != directory())
    }

    @Test func theDefaultBaseFollowsXDGStateHome() {
        #expect(
            DepositState.defaultBase(environment: ["XDG_STATE_HOME": "/x"]).path == "/x/sceau/deposits")
        #expect(DepositState.defaultBase(environment: [:]).path.hasSuffix("/.local/state/sceau/deposits"))
    }

    @Test func envelopesAreWrittenEnvelopeEqualsFile() {
        #expect(DepositCommand.split("offre=/d/a=b.pdf").map { [$0.0, $0.1] } == ["offre", "/d/a=b.pdf"])
        #expect(DepositCommand.split("offre") == nil)
        #expect(DepositCommand.split("=x.pdf") == nil)
        #expect(DepositCommand.split("offre=") == nil)
    }
}
