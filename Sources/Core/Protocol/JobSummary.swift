import Foundation

/// Where a job of the assistant stands.
public enum JobState: String, Codable, Sendable, Equatable {
    case running
    case succeeded
    case failed
    case cancelled

    /// Whether the job is over (it will not change again).
    public var isFinal: Bool { self != .running }
}

/// One named step of a job ("Réception du fichier", "Saisie du code PIN", "Signature"…).
public struct JobStep: Codable, Sendable, Equatable {
    public let name: String
    public var state: StepState

    public enum StepState: String, Codable, Sendable, Equatable {
        case pending
        case running
        case done
        case failed
    }

    public init(name: String, state: StepState = .pending) {
        self.name = name
        self.state = state
    }
}

/// How far a job has gone: bytes (or items) done out of a total when known, its speed, and for plis
/// where it is ("pli 2 sur 5, enveloppe 1 sur 2, fichier 3 sur 4").
public struct JobProgress: Codable, Sendable, Equatable {
    public var done: Int64
    public var total: Int64?
    /// `done / total` in percent, when the total is known.
    public var percent: Double?
    /// Average speed since the job started, in bytes per second.
    public var bytesPerSecond: Double?
    public var detail: String?

    public init(
        done: Int64 = 0, total: Int64? = nil, percent: Double? = nil, bytesPerSecond: Double? = nil,
        detail: String? = nil
    ) {
        self.done = done
        self.total = total
        self.percent = percent
        self.bytesPerSecond = bytesPerSecond
        self.detail = detail
    }
}

/// A job as `jobs.list` and `event.job` describe it.
public struct JobSummary: Codable, Sendable, Equatable {
    public let id: String
    /// What the job does: `sign`, `verify`, `decrypt`, `download`…
    public let kind: String
    /// A sentence for people ("Signature PAdES de offre.pdf").
    public let title: String
    /// The platform origin whose page started it.
    public let origin: String
    public var state: JobState
    public let startedAt: Date
    public var endedAt: Date?
    public var steps: [JobStep]
    public var progress: JobProgress
    /// Why it failed, and what to do.
    public var error: String?

    public init(
        id: String, kind: String, title: String, origin: String, state: JobState = .running, startedAt: Date,
        endedAt: Date? = nil, steps: [JobStep], progress: JobProgress = JobProgress(), error: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.origin = origin
        self.state = state
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.steps = steps
        self.progress = progress
        self.error = error
    }
}

/// `jobs.cancel` parameters.
public struct JobsCancelParams: Codable, Sendable, Equatable {
    public let id: String
    /// The `sessionSecret` of the session that started the job, when another session (a reloaded page)
    /// cancels it; absent: the calling session's own.
    public let sessionSecret: String?

    public init(id: String, sessionSecret: String? = nil) {
        self.id = id
        self.sessionSecret = sessionSecret
    }
}
