import CoreProtocol
import CoreTokens
import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Watches the PC/SC readers and publishes each card insertion and removal to the ``EventHub``.
///
/// The blocking waits run on a Dispatch thread, a second at a time so that shutdown is prompt; when
/// pcscd is not running the watcher tries again every few seconds.
struct CardWatcher: Service {
    let hub: EventHub
    let logger: Logger

    func run() async throws {
        let stop = StopFlag()
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().async {
                        watch(until: stop.flag)
                        continuation.resume()
                    }
                }
            } onGracefulShutdown: {
                stop.flag.store(true, ordering: .relaxed)
            }
        } onCancel: {
            stop.flag.store(true, ordering: .relaxed)
        }
    }

    /// Set on shutdown or cancellation; read by the watching thread between waits.
    private final class StopFlag: Sendable {
        let flag = Atomic<Bool>(false)
    }

    private func watch(until stop: borrowing Atomic<Bool>) {
        var known: [String: Bool] = [:]
        var announcedOutage = false
        while !stop.load(ordering: .relaxed) {
            do {
                let context = try PCSCContext()
                announcedOutage = false
                var states = try context.states(of: try context.readers())
                report(states, against: &known)
                while !stop.load(ordering: .relaxed) {
                    let readers = try context.readers()
                    if Set(readers) != Set(states.map(\.reader)) { states = try context.states(of: readers) }
                    if states.isEmpty {
                        Thread.sleep(forTimeInterval: 1)
                        continue
                    }
                    switch Result(catching: { try context.waitForChange(from: states, timeoutMilliseconds: 1000) }) {
                    case .success(let changed):
                        states = changed
                        report(states, against: &known)
                    case .failure(let error as PCSCError) where error == .timeout:
                        continue
                    case .failure(let error):
                        throw error
                    }
                }
            } catch {
                if !announcedOutage {
                    logger.notice("Card readers unavailable: \(error)")
                    announcedOutage = true
                }
                for _ in 0..<5 where !stop.load(ordering: .relaxed) { Thread.sleep(forTimeInterval: 1) }
            }
        }
    }

    /// Publishes the readers whose card presence changed.
    private func report(_ states: [PCSCReaderState], against known: inout [String: Bool]) {
        for state in states where known[state.reader] != state.cardPresent {
            let first = known[state.reader] == nil
            known[state.reader] = state.cardPresent
            if first { continue }
            let event = CardEvent(reader: state.reader, present: state.cardPresent)
            let hub = self.hub
            Task {
                guard let params = try? JSONValue(encoding: event) else { return }
                await hub.publish(JSONRPC.Notification(method: AssistantEvent.card, params: params))
            }
        }
    }
}
