/// An indirect object's identity: its object number and generation (`12 0 R`).
public struct PDFReference: Hashable, Sendable, CustomStringConvertible {
    public let number: Int
    public let generation: Int

    public init(number: Int, generation: Int = 0) {
        self.number = number
        self.generation = generation
    }

    public var description: String { "\(number) \(generation) R" }
}
