import Testing

@testable import PlatformKernel

/// The one `Content-Disposition` every download of the platform sends: an ASCII `filename` no quote, backslash or
/// control character can break out of, and the exact name in `filename*`, with no byte outside ASCII.
struct ContentDispositionTests {
    @Test func accentsAreKeptInTheUTF8NameAndReplacedInTheASCIIOne() {
        #expect(
            ContentDisposition.attachment.header(fileName: "Mentions légales.pdf")
                == "attachment; filename=\"Mentions l_gales.pdf\"; filename*=UTF-8''Mentions%20l%C3%A9gales.pdf")
    }

    @Test func quotesBackslashesAndControlCharactersCannotEndTheHeader() {
        let header = ContentDisposition.inline.header(fileName: "a\"b\\c\r\nSet-Cookie: x\u{7F}.pdf")
        #expect(header.hasPrefix("inline; filename=\"a_b_c__Set-Cookie: x_.pdf\"; "))
        #expect(header.hasSuffix("filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%7F.pdf"))
        #expect(header.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F })
    }
}
