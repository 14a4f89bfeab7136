import PlatformKernel
import SQLKit

extension CitizenRequestService {
    /// Releases the lock: its holder, or a manager of the category.
    package func release(_ id: Int64, by agentID: Int64) async throws -> Detail {
        try await database.transaction { sql in
            var (request, rights) = try await Self.load(id, agentID: agentID, needed: .write, sql: sql, forUpdate: true)
            let time = now()
            let released = try RequestLocking.release(
                request.lock, by: agentID, isManager: rights.right(in: request.categoryID) >= .manage, at: time)
            if request.lock?.isLive(at: time) == true {
                let holder = request.lock?.agentID ?? 0
                request.lock = released
                try await CitizenRequestRepository(sql: sql).save(request)
                try await record(
                    request, .requestUnlocked, by: agentID, summary: "Verrou libéré",
                    details: ["holder": String(holder)], sql: sql)
            }
            return try await detail(of: request, rights: rights, sql: sql)
        }
    }

    /// Takes over the lock of another agent: managers of the category only.
    package func takeOver(_ id: Int64, by agentID: Int64) async throws -> Detail {
        try await database.transaction { sql in
            var (request, rights) = try await Self.load(id, agentID: agentID, needed: .write, sql: sql, forUpdate: true)
            let time = now()
            let previous = request.lock.flatMap { $0.isLive(at: time) ? $0.agentID : nil }
            request.lock = try RequestLocking.takeOver(
                request.lock, by: agentID, isManager: rights.right(in: request.categoryID) >= .manage, at: time,
                duration: settings.lockDuration)
            try await CitizenRequestRepository(sql: sql).save(request)
            try await record(
                request, .requestLockTakenOver, by: agentID,
                summary: previous.map { "Verrou repris à l'agent \($0)" } ?? "Verrou pris",
                details: ["previous": previous.map(String.init) ?? ""], sql: sql)
            return try await detail(of: request, rights: rights, sql: sql)
        }
    }
}
