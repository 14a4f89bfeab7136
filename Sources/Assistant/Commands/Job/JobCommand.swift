import ArgumentParser

/// `sceau-assistant job`: the platform's remote jobs from the command line, as pages run them through
/// the daemon.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Run the platform's remote jobs (download or open sealed plis) without a browser.",
        subcommands: [JobRunCommand.self, JobListCommand.self]
    )
}
