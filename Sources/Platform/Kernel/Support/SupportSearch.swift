/// The dashboard's search (« Rechercher un ticket »): each criterion left `nil` matches every ticket.
package struct SupportSearch: Sendable, Equatable {
    /// « N° ».
    package var number: Int64?
    package var state: SupportState?
    /// Open (new, in progress, waiting) or closed (resolved, closed) tickets, as the dashboard's lists.
    package var openOnly: Bool?
    package var category: SupportCategory?
    /// Words of the subject, case ignored.
    package var subject: String?
    /// « Nom du Contact (Interne) »: words of the requester's name, case ignored.
    package var contact: String?
    /// Opened at or after (seconds).
    package var openedFrom: Int64?
    /// Opened before (seconds).
    package var openedBefore: Int64?

    package init(
        number: Int64? = nil, state: SupportState? = nil, openOnly: Bool? = nil, category: SupportCategory? = nil,
        subject: String? = nil, contact: String? = nil, openedFrom: Int64? = nil, openedBefore: Int64? = nil
    ) {
        self.number = number
        self.state = state
        self.openOnly = openOnly
        self.category = category
        self.subject = subject
        self.contact = contact
        self.openedFrom = openedFrom
        self.openedBefore = openedBefore
    }
}
