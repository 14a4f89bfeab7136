import PlatformKernel
import Procurement
import Requests

extension Migrations {
    /// Every migration of the platform's schema across the libraries, oldest first, in the order they
    /// shipped (names and order unchanged since the platform was one target). Append; never edit one that
    /// shipped.
    package static let all: [Migration] = [
        organisations, agents, encryptionKeys, consultations, journal, sessions, companies, deposits, remoteJobs,
        depositJobs, requests, citizenAccounts, requestLetters, agentNotifications, journalCheckpoints,
        signInFailures, agentPasswordResets, requestEntities, messaging, dashboardFavourites, documents,
        questions, opening, agentAlerts, closureAlerts, legalPages, legalDocuments, backgroundLeases,
        depositIncidents, supportTickets, points, payments, contracts,
    ]
}

extension Migrator {
    /// The migrator of the whole platform's schema.
    package init(database: Database) {
        self.init(database: database, migrations: Migrations.all)
    }
}
