import HTTPTypes

/// An error that answers for itself: the HTTP status that fits it, the headers that go with it and, as its
/// description, the French message a user reads (what happened and what to do). ``ErrorMiddleware`` turns it
/// into a page or JSON.
package protocol UserFacingError: Error, CustomStringConvertible {
    var status: HTTPResponse.Status { get }
    /// Headers the answer carries (`WWW-Authenticate` for a refused credential); none by default.
    var headers: HTTPFields { get }
}

extension UserFacingError {
    package var headers: HTTPFields { [:] }
}

extension DomainError: UserFacingError {}
