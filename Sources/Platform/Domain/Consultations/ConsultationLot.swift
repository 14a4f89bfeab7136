/// One legal lot ("lot juridique") of a divided consultation.
package struct ConsultationLot: Codable, Sendable, Hashable {
    /// Numbered from 1, unique within the consultation.
    package var number: Int
    package var title: String

    package static let maximumTitleLength = 255
}
