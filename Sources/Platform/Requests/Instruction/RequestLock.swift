import PlatformKernel

/// The lock an agent holds on a request while working on it ("verrou"): other agents read only, and the
/// citizen cannot modify the request, until it is released, taken over, or expires.
package struct RequestLock: Codable, Sendable, Equatable {
    package var agentID: Int64
    package var expiresAt: Int64

    package init(agentID: Int64, expiresAt: Int64) {
        self.agentID = agentID
        self.expiresAt = expiresAt
    }

    package func isLive(at now: Int64) -> Bool { now < expiresAt }
}

/// The locking rules, on the lock a request has now; each returns the lock it should have after.
package enum RequestLocking {
    /// Opening by an agent who may write: the request is locked for them (or their lock renewed) unless
    /// another agent holds a live lock, in which case they read only and the lock is unchanged.
    package static func open(
        _ lock: RequestLock?, by agentID: Int64, canWrite: Bool, at now: Int64, duration: Int64
    ) -> RequestLock? {
        guard canWrite else { return lock }
        if let lock, lock.isLive(at: now), lock.agentID != agentID { return lock }
        return RequestLock(agentID: agentID, expiresAt: now + duration)
    }

    /// A change by an agent: refused while another agent holds a live lock; the agent then holds it.
    package static func change(_ lock: RequestLock?, by agentID: Int64, at now: Int64, duration: Int64)
        throws(RequestError)
        -> RequestLock
    {
        if let lock, lock.isLive(at: now), lock.agentID != agentID {
            throw .lockedByAnotherAgent(agentID: lock.agentID, until: lock.expiresAt)
        }
        return RequestLock(agentID: agentID, expiresAt: now + duration)
    }

    /// Releasing: the holder, or a manager of the category.
    package static func release(_ lock: RequestLock?, by agentID: Int64, isManager: Bool, at now: Int64)
        throws(RequestError)
        -> RequestLock?
    {
        guard let lock, lock.isLive(at: now) else { return nil }
        guard lock.agentID == agentID || isManager else {
            throw .lockedByAnotherAgent(agentID: lock.agentID, until: lock.expiresAt)
        }
        return nil
    }

    /// Taking over another agent's live lock: managers only.
    package static func takeOver(
        _ lock: RequestLock?, by agentID: Int64, isManager: Bool, at now: Int64, duration: Int64
    ) throws(RequestError) -> RequestLock {
        if let lock, lock.isLive(at: now), lock.agentID != agentID, !isManager {
            throw .takeOverNeedsManager
        }
        return RequestLock(agentID: agentID, expiresAt: now + duration)
    }

    /// A change by the citizen: refused while any agent holds a live lock.
    package static func checkCitizenChange(_ lock: RequestLock?, at now: Int64) throws(RequestError) {
        if let lock, lock.isLive(at: now) { throw .lockedForCitizen }
    }
}
