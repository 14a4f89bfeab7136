/// What a program answers on `GET /health`: that it is up, its version, and the state of what it depends on.
public struct HealthReport: Codable, Sendable, Equatable {
    /// `ok` when every check passed, `degraded` otherwise.
    public let status: String
    /// The program: `sceau-assistant` or `sceau-platform`.
    public let service: String
    public let version: String
    /// Named checks (e.g. `database`) and their outcome, `ok` or what failed.
    public let checks: [String: String]

    public init(service: String, checks: [String: String] = [:]) {
        self.service = service
        self.version = SceauVersion.current
        self.checks = checks
        self.status = checks.values.allSatisfy { $0 == "ok" } ? "ok" : "degraded"
    }
}
