import Foundation
import Testing

@testable import Assistant

/// The job folders of the work directory: held by their process through a lock on `.owner`, swept at
/// start once their process is gone, however it ended.
struct WorkFolderTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "work-folder-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return directory
    }

    private func permissions(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test func aMissingWorkDirectoryIsMadePrivate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let work = directory.appendingPathComponent("state/sceau-assistant/work", isDirectory: true)
        let folder = try WorkFolder(in: work)
        #expect(try permissions(work) == 0o700)
        #expect(try permissions(folder.url) == 0o700)
    }

    @Test func aWorkDirectoryOthersCanEnterOrOwnIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Laid out beforehand in a shared place, readable by everyone: refused, nothing created inside.
        let shared = directory.appendingPathComponent("sceau-assistant-\(getuid())", isDirectory: true)
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
        for mode in [0o755, 0o770, 0o701] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: shared.path)
            #expect(throws: (any Error).self, "mode \(String(mode, radix: 8))") { _ = try WorkFolder(in: shared) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path).isEmpty)
        // A link to a private folder is refused too.
        let target = directory.appendingPathComponent("target", isDirectory: true)
        try FileManager.default.createDirectory(
            at: target, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let link = directory.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: (any Error).self) { _ = try WorkFolder(in: link) }
        // Another user's folder, even closed (when the tests run as root, which can give it away).
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: shared.path)
            #expect(chown(shared.path, 65_534, 65_534) == 0)
            #expect(throws: (any Error).self) { _ = try WorkFolder(in: shared) }
            #expect(WorkFolder.sweep(shared).isEmpty)
        }
    }

    @Test func aHeldFolderStaysAndOneLeftBehindIsSwept() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let held = try WorkFolder(in: directory, prefix: "depot-")
        #expect(held.url.lastPathComponent.hasPrefix("depot-"))
        let permissions = try FileManager.default.attributesOfItem(atPath: held.url.path)[.posixPermissions] as? Int
        #expect(permissions == 0o700)
        try Data("pli".utf8).write(to: held.url.appendingPathComponent("offre.pdf"))
        var left: WorkFolder? = try WorkFolder(in: directory)
        let leftURL = try #require(left?.url)
        try Data("x".utf8).write(to: leftURL.appendingPathComponent("contrat.pdf"))
        try Data("not a job".utf8).write(to: directory.appendingPathComponent("note.txt"))
        #expect(WorkFolder.sweep(directory).isEmpty)
        // The holder goes without removing its folder (as a crash would): the lock is free, the folder swept.
        left = nil
        #expect(WorkFolder.sweep(directory).map(\.lastPathComponent) == [leftURL.lastPathComponent])
        #expect(!FileManager.default.fileExists(atPath: leftURL.path))
        #expect(FileManager.default.fileExists(atPath: held.url.appendingPathComponent("offre.pdf").path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("note.txt").path))
        held.remove()
        #expect(!FileManager.default.fileExists(atPath: held.url.path))
    }

    @Test func aFolderHeldByAnotherProcessStaysUntilThatProcessIsKilled() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("depot-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let owner = folder.appendingPathComponent(WorkFolder.ownerFileName)
        try Data().write(to: owner)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--no-fork", "--exclusive", owner.path, "sleep", "60"]
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        // Wait for the other process to hold the lock: a probe with flock --nonblock then fails. A loaded
        // machine may take seconds to start it: a deadline, not a count of tries.
        var held = false
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            probe.arguments = ["--exclusive", "--nonblock", owner.path, "true"]
            try probe.run()
            probe.waitUntilExit()
            if probe.terminationStatus != 0 {
                held = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(held)
        #expect(WorkFolder.sweep(directory).isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.path))
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(WorkFolder.sweep(directory).map(\.lastPathComponent) == [folder.lastPathComponent])
    }

    @Test func aFolderWithoutOwnerIsSweptOnlyOnceOld() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = directory.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        #expect(WorkFolder.sweep(directory).isEmpty)
        let later = Date().addingTimeInterval(WorkFolder.unownedAge + 60)
        #expect(WorkFolder.sweep(directory, now: later).map(\.lastPathComponent) == [old.lastPathComponent])
        #expect(WorkFolder.sweep(FileManager.default.temporaryDirectory.appendingPathComponent("absent")).isEmpty)
    }
}
