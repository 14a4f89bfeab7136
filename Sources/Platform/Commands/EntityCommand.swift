import ArgumentParser
import Foundation
import Logging
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// `sceau-platform entity create`: a new public entity with its first administrator.
struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Manage top-level public entities.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a public entity and its first administrator (every right).",
            discussion: "The administrator's password is read from SCEAU_ADMIN_PASSWORD, or from standard input."
        )

        @OptionGroup var storage: StorageOptions

        @Option(help: "Name of the entity (at most 255 characters).")
        var name: String

        @Option(help: "Organisation type, final: \(OrganisationType.allCases.map(\.rawValue).joined(separator: ", ")).")
        var type: OrganisationType

        @Option(help: "Administrator's login.")
        var adminLogin: String

        @Option(help: "Administrator's e-mail, unique on the platform.")
        var adminEmail: String

        @Option(help: "Administrator's last name.")
        var adminLastName: String

        @Option(help: "Administrator's first name.")
        var adminFirstName: String

        @Option(help: "Administrator's civilité: M. or Mme.")
        var adminCivility: String = "Mme"

        func run() async throws {
            guard let civility = Civility(rawValue: adminCivility) else {
                throw ValidationError("--admin-civility must be M. or Mme.")
            }
            let password =
                ProcessInfo.processInfo.environment["SCEAU_ADMIN_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            try await Database.using(try storage.location(), logger: Logger(label: "sceau-platform")) { database in
                _ = try await Migrator(database: database).migrate()
                let (entity, agent) = try await EntityBootstrap(database: database, hasher: PasswordHasher()).create(
                    entity: Organisation(name: name, type: type),
                    administrator: Agent(
                        organisationID: 0, civility: civility, lastName: adminLastName, firstName: adminFirstName,
                        email: adminEmail, login: adminLogin),
                    password: password)
                print("Entity \(entity.id ?? 0) \"\(entity.name)\" created; administrator \(agent.login).")
            }
        }
    }
}

extension OrganisationType: ExpressibleByArgument {}
