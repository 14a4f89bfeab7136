import PlatformKernel

/// The request lifecycle declared as data: from each state, the states an agent, a manager or the citizen
/// may move the request to. Everything else is refused with the list of what is allowed (`docs/requests.md`).
/// The table follows CapDémat's `requestWorkflow.xml`, keeping its earlier "Notifiée" step.
package struct RequestWorkflow: Sendable {
    /// Who makes a move: agents instruct; managers of the category (and administrators) also archive, as
    /// CapDémat keeps archiving to its administrators; the citizen rectifies an incomplete request.
    package enum Mover: Sendable, Equatable {
        case agent
        case manager
        case citizen
    }

    package struct Transition: Sendable, Hashable {
        package let from: RequestState
        package let to: RequestState
        /// The least mover allowed: `.agent` moves are also the manager's.
        package let by: Mover

        package init(from: RequestState, to: RequestState, by: Mover) {
            self.from = from
            self.to = to
            self.by = by
        }
    }

    package let transitions: [Transition]

    package init(transitions: [Transition]) {
        self.transitions = transitions
    }

    /// The platform's workflow, CapDémat's.
    package static let standard = RequestWorkflow(transitions: [
        .init(from: .pending, to: .inProgress, by: .agent),
        .init(from: .pending, to: .complete, by: .agent),
        .init(from: .pending, to: .uncomplete, by: .agent),
        .init(from: .pending, to: .rejected, by: .agent),
        .init(from: .pending, to: .cancelled, by: .agent),
        .init(from: .inProgress, to: .complete, by: .agent),
        .init(from: .inProgress, to: .uncomplete, by: .agent),
        .init(from: .inProgress, to: .rejected, by: .agent),
        .init(from: .inProgress, to: .cancelled, by: .agent),
        .init(from: .uncomplete, to: .rectified, by: .citizen),
        .init(from: .uncomplete, to: .complete, by: .agent),
        .init(from: .uncomplete, to: .rejected, by: .agent),
        .init(from: .uncomplete, to: .cancelled, by: .agent),
        .init(from: .rectified, to: .inProgress, by: .agent),
        .init(from: .rectified, to: .complete, by: .agent),
        .init(from: .rectified, to: .uncomplete, by: .agent),
        .init(from: .rectified, to: .rejected, by: .agent),
        .init(from: .rectified, to: .cancelled, by: .agent),
        .init(from: .complete, to: .validated, by: .agent),
        .init(from: .complete, to: .uncomplete, by: .agent),
        .init(from: .complete, to: .rejected, by: .agent),
        .init(from: .complete, to: .cancelled, by: .agent),
        .init(from: .validated, to: .notified, by: .agent),
        .init(from: .validated, to: .closed, by: .agent),
        .init(from: .notified, to: .closed, by: .agent),
        .init(from: .notified, to: .archived, by: .manager),
        .init(from: .rejected, to: .notified, by: .agent),
        .init(from: .rejected, to: .closed, by: .agent),
        .init(from: .rejected, to: .archived, by: .manager),
        .init(from: .cancelled, to: .closed, by: .agent),
        .init(from: .cancelled, to: .archived, by: .manager),
        .init(from: .closed, to: .archived, by: .manager),
    ])

    /// The states `mover` may move a request in `state` to, in the table's order.
    package func allowed(from state: RequestState, by mover: Mover) -> [RequestState] {
        transitions.filter { transition in
            guard transition.from == state else { return false }
            switch mover {
            case .citizen: return transition.by == .citizen
            case .agent: return transition.by == .agent
            case .manager: return transition.by != .citizen
            }
        }.map(\.to)
    }

    /// Returns normally when the table has the move; throws what is allowed from `from` otherwise.
    package func check(from: RequestState, to: RequestState, by mover: Mover) throws(RequestError) {
        guard allowed(from: from, by: mover).contains(to) else {
            throw .transitionRefused(from: from, to: to, allowed: allowed(from: from, by: mover))
        }
    }
}
