import Hummingbird
import NIOCore

/// Serves `/static/assistant.js` (``AssistantScript``), with the assistant's default port of this platform.
package struct AssistantScriptController: Sendable {
    package let assistantPort: Int

    package init(assistantPort: Int) {
        self.assistantPort = assistantPort
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let script = ByteBuffer(string: AssistantScript.source(defaultPort: assistantPort))
        router.get("static/assistant.js") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: script))
        }
    }
}
