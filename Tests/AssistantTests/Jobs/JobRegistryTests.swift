import CoreProtocol
import Foundation
import Testing

@testable import Assistant

/// Jobs as pages and the local page see them: each origin sees and cancels its own, progress is
/// published to that origin only, and a cancelled worker ends as "cancelled".
struct JobRegistryTests {
    let alpha = "https://alpha.example"
    let beta = "https://beta.example"

    @Test func eachOriginSeesAndCancelsOnlyItsOwnJobs() async throws {
        let registry = JobRegistry(events: EventHub())
        let mine = await registry.start(kind: "sign", title: "Signature de a.pdf", origin: alpha, steps: ["Signature"])
        let theirs = await registry.start(kind: "sign", title: "Signature de b.pdf", origin: beta, steps: ["Signature"])
        await mine.beginStep(0)
        #expect(await registry.list(origin: alpha).map(\.id) == [mine.id])
        #expect(Set(await registry.list(origin: nil).map(\.id)) == [mine.id, theirs.id])
        #expect(await registry.cancel(id: theirs.id, origin: alpha) == false)
        #expect(!theirs.isCancelled)
        #expect(await registry.cancel(id: mine.id, origin: alpha))
        #expect(mine.isCancelled)
        await mine.fail(JobCancelled())
        let ended = try #require(await registry.list(origin: alpha).first)
        #expect(ended.state == .cancelled)
        #expect(ended.endedAt != nil)
        #expect(ended.steps.first?.state == .failed)
    }

    @Test func aSessionsJobIsCancelledByAPageWithThatSessionsSecretOnly() async throws {
        let registry = JobRegistry(events: EventHub())
        let job = await registry.start(
            kind: "verify", title: "Vérification de a.p7s", origin: alpha, session: "secret-a", steps: ["Vérification"])
        #expect(await registry.cancel(id: job.id, origin: alpha) == false)
        #expect(await registry.cancel(id: job.id, origin: alpha, session: "secret-b") == false)
        #expect(await registry.cancel(id: job.id, origin: beta, session: "secret-a") == false)
        #expect(!job.isCancelled)
        #expect(await registry.cancel(id: job.id, origin: alpha, session: "secret-a"))
        #expect(job.isCancelled)
        // The local page (no origin) stops any job, whoever started it.
        let other = await registry.start(
            kind: "verify", title: "Vérification de b.p7s", origin: alpha, session: "secret-a", steps: ["Vérification"])
        #expect(await registry.cancel(id: other.id, origin: nil))
        #expect(other.isCancelled)
    }

    @Test func progressIsComputedAndPublishedToTheJobsOriginOnly() async throws {
        let hub = EventHub()
        let registry = JobRegistry(events: hub)
        let (_, alphaEvents) = await hub.subscribe(origin: alpha)
        let (_, betaEvents) = await hub.subscribe(origin: beta)
        let job = await registry.start(
            kind: "decrypt", title: "Ouverture", origin: alpha, steps: ["Téléchargement", "Déchiffrement"])
        await job.beginStep(1)
        await job.progress(done: 250, total: 1000, detail: "pli 1 sur 2, enveloppe 1 sur 1, fichier 1 sur 3")
        await job.succeed()

        var seen: [JobSummary] = []
        for await notification in alphaEvents {
            #expect(notification.method == AssistantEvent.job)
            let summary = try #require(try notification.params?.decode(JobSummary.self))
            seen.append(summary)
            if summary.state.isFinal { break }
        }
        #expect(seen.first?.state == .running)
        #expect(seen.contains { $0.steps.map(\.state) == [.done, .running] })
        let last = try #require(seen.last)
        #expect(last.state == .succeeded)
        #expect(last.progress.percent == 25)
        #expect(last.progress.detail == "pli 1 sur 2, enveloppe 1 sur 1, fichier 1 sur 3")
        #expect(last.steps.allSatisfy { $0.state == .done })

        // Nothing reached the other origin: its stream holds only what is published after this card event.
        await hub.publish(JSONRPC.Notification(method: AssistantEvent.card, params: nil))
        var iterator = betaEvents.makeAsyncIterator()
        #expect(await iterator.next()?.method == AssistantEvent.card)
    }
}
