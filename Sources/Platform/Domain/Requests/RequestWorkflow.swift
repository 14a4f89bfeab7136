/// The request lifecycle declared as data: from each state, the states an agent or the citizen may move
/// the request to. Everything else is refused with the list of what is allowed (`docs/requests.md`).
struct RequestWorkflow: Sendable {
    /// Who makes a move: agents instruct; the citizen rectifies an incomplete request.
    enum Mover: Sendable, Equatable {
        case agent
        case citizen
    }

    struct Transition: Sendable, Hashable {
        let from: RequestState
        let to: RequestState
        let byCitizen: Bool
    }

    let transitions: [Transition]

    /// The platform's workflow, CapDémat's.
    static let standard = RequestWorkflow(transitions: [
        .init(from: .pending, to: .inProgress, byCitizen: false),
        .init(from: .pending, to: .complete, byCitizen: false),
        .init(from: .pending, to: .uncomplete, byCitizen: false),
        .init(from: .pending, to: .rejected, byCitizen: false),
        .init(from: .pending, to: .cancelled, byCitizen: false),
        .init(from: .inProgress, to: .complete, byCitizen: false),
        .init(from: .inProgress, to: .uncomplete, byCitizen: false),
        .init(from: .inProgress, to: .rejected, byCitizen: false),
        .init(from: .inProgress, to: .cancelled, byCitizen: false),
        .init(from: .uncomplete, to: .rectified, byCitizen: true),
        .init(from: .uncomplete, to: .complete, byCitizen: false),
        .init(from: .uncomplete, to: .rejected, byCitizen: false),
        .init(from: .uncomplete, to: .cancelled, byCitizen: false),
        .init(from: .rectified, to: .inProgress, byCitizen: false),
        .init(from: .rectified, to: .complete, byCitizen: false),
        .init(from: .rectified, to: .uncomplete, byCitizen: false),
        .init(from: .rectified, to: .rejected, byCitizen: false),
        .init(from: .rectified, to: .cancelled, byCitizen: false),
        .init(from: .complete, to: .validated, byCitizen: false),
        .init(from: .complete, to: .uncomplete, byCitizen: false),
        .init(from: .complete, to: .rejected, byCitizen: false),
        .init(from: .complete, to: .cancelled, byCitizen: false),
        .init(from: .validated, to: .notified, byCitizen: false),
        .init(from: .notified, to: .closed, byCitizen: false),
        .init(from: .notified, to: .archived, byCitizen: false),
        .init(from: .rejected, to: .notified, byCitizen: false),
        .init(from: .rejected, to: .closed, byCitizen: false),
        .init(from: .rejected, to: .archived, byCitizen: false),
        .init(from: .cancelled, to: .closed, byCitizen: false),
        .init(from: .cancelled, to: .archived, byCitizen: false),
        .init(from: .closed, to: .archived, byCitizen: false),
    ])

    /// The states `mover` may move a request in `state` to, in the table's order.
    func allowed(from state: RequestState, by mover: Mover) -> [RequestState] {
        transitions.filter { $0.from == state && $0.byCitizen == (mover == .citizen) }.map(\.to)
    }

    /// Returns normally when the table has the move; throws what is allowed from `from` otherwise.
    func check(from: RequestState, to: RequestState, by mover: Mover) throws(RequestError) {
        guard allowed(from: from, by: mover).contains(to) else {
            throw .transitionRefused(from: from, to: to, allowed: allowed(from: from, by: mover))
        }
    }
}
