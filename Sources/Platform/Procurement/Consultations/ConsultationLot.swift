import PlatformKernel

/// One legal lot ("lot juridique") of a divided consultation.
package struct ConsultationLot: Codable, Sendable, Hashable {
    /// Numbered from 1, unique within the consultation.
    package var number: Int
    package var title: String

    package init(number: Int, title: String) {
        self.number = number
        self.title = title
    }

    package static let maximumTitleLength = 255
}
