/// Every migration of the platform's schema, oldest first. Append; never edit one that shipped.
enum Migrations {
    static let all: [Migration] = [
        organisations, agents, encryptionKeys, consultations, journal, sessions, companies, deposits, remoteJobs,
        depositJobs, requests, citizenAccounts, requestLetters, agentNotifications,
        signInFailures,
    ]
}
