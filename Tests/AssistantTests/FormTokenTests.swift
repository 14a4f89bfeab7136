import Testing

@testable import Assistant

/// The local page's form token is compared in constant time, and only the very token passes.
struct FormTokenTests {
    let token = "0f8c2a9d4e6b1c3a5f7e9d2b4c6a8e0f"

    @Test func onlyTheSameTokenMatches() {
        #expect(FormToken.matches(token, token))
        #expect(!FormToken.matches(nil, token))
        #expect(!FormToken.matches("", token))
        #expect(!FormToken.matches(String(token.dropLast()), token))
        #expect(!FormToken.matches(token + "0", token))
        #expect(!FormToken.matches(String(token.dropLast()) + "e", token))
        #expect(!FormToken.matches("1" + token.dropFirst(), token))
        #expect(!FormToken.matches("", ""))
    }
}
