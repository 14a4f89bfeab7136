extension String {
    /// Two lowercase hexadecimal digits.
    init(hexByte byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
