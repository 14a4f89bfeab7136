extension PlatformAPI {
    /// `POST /api/session` and `POST /api/entreprise/session`.
    public struct SignIn: Codable, Sendable, Equatable {
        public let login: String
        public let password: String

        public init(login: String, password: String) {
            self.login = login
            self.password = password
        }
    }
}
