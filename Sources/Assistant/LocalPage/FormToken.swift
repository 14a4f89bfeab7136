/// The local page's form token, compared in constant time: how long the comparison takes says nothing of how
/// many leading characters of a guess were right.
enum FormToken {
    /// Whether `given` is `expected`, looking at every byte of `expected` whatever differs.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        let given = Array((given ?? "").utf8)
        let expected = Array(expected.utf8)
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= (index < given.count ? given[index] : 0) ^ expected[index]
        }
        return difference == 0 && !expected.isEmpty
    }
}
