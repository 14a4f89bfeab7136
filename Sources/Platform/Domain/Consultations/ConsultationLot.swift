/// One legal lot ("lot juridique") of a divided consultation.
struct ConsultationLot: Codable, Sendable, Hashable {
    /// Numbered from 1, unique within the consultation.
    var number: Int
    var title: String

    static let maximumTitleLength = 255
}
