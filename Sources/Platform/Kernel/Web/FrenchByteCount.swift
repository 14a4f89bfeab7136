/// A size in bytes as French readers write it, in binary units: « 10 octets », « 500 Mio », « 1,5 Gio ».
package enum FrenchByteCount {
    package static func text(_ bytes: Int64) -> String {
        let units: [(Int64, String)] = [(1 << 40, "Tio"), (1 << 30, "Gio"), (1 << 20, "Mio"), (1 << 10, "Kio")]
        for (size, unit) in units where bytes >= size {
            let tenths = (bytes * 10 + size / 2) / size
            let whole = tenths / 10
            let decimal = tenths % 10
            return decimal == 0 ? "\(whole) \(unit)" : "\(whole),\(decimal) \(unit)"
        }
        return bytes == 1 ? "1 octet" : "\(bytes) octets"
    }
}
