import HTTPTypes

/// An error that answers for itself: the HTTP status that fits it and, as its description, the French
/// message a user reads (what happened and what to do). ``ErrorMiddleware`` turns it into a page or JSON.
package protocol UserFacingError: Error, CustomStringConvertible {
    var status: HTTPResponse.Status { get }
}

extension DomainError: UserFacingError {}
