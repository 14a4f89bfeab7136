import ArgumentParser
import Foundation
import Logging
import PlatformApp
import PlatformKernel
import Procurement
import Requests

/// `sceau-platform request-admin LOGIN [--platform] [--remove]`: makes an agent an administrator of the citizens'
/// requests of their entity (Management on every category of it, creates categories, gives rights), or with
/// `--platform` a super-administrator of every entity's, or no longer. The first
/// administrator can only be made this way; they then give the rights from the back office.
struct RequestAdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-admin",
        abstract: "Make an agent an administrator of the citizens' requests, or no longer with --remove.",
        discussion: "The change is journaled with the system as actor. Exits 1 when no agent has this login."
    )

    @OptionGroup var storage: StorageOptions

    @Argument(help: "The agent's login.")
    var login: String

    @Flag(help: "Withdraw the administrator right instead of giving it.")
    var remove = false

    @Flag(help: "The platform super-administrator right (every entity's requests) instead of the entity's.")
    var platform = false

    func run() async throws {
        let (login, remove, platform) = (login, remove, platform)
        do {
            let agent = try await Database.using(try storage.location(), logger: Logger(label: "sceau-platform")) {
                database in
                _ = try await Migrator(database: database).migrate()
                return try await RequestCatalogService(database: database).setAdministrator(
                    login: login, !remove, platform: platform)
            }
            print(
                "\(agent.login) (\(agent.firstName) \(agent.lastName)) "
                    + (remove ? "is no longer an administrator" : "is an administrator")
                    + (platform ? " of every entity's requests." : " of the requests of their entity."))
        } catch let error as DomainError {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
