import Foundation
import Testing

@testable import Assistant

/// Where the job folders live: the user's runtime folder, else the user's state folder, never `/tmp`.
struct WorkDirectoryPathTests {
    @Test func theRuntimeDirectoryWhenThereIsOne() {
        let work = AssistantPaths.workDirectory(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"])
        #expect(work.path == "/run/user/1000/sceau-assistant-\(getuid())")
    }

    @Test func theStateDirectoryOtherwiseNeverTmp() {
        let state = AssistantPaths.workDirectory(environment: ["XDG_STATE_HOME": "/home/claire/.local/state"])
        #expect(state.path == "/home/claire/.local/state/sceau-assistant/work")
        let home = AssistantPaths.workDirectory(environment: ["XDG_RUNTIME_DIR": ""])
        #expect(home.path == NSHomeDirectory() + "/.local/state/sceau-assistant/work")
        #expect(!home.path.hasPrefix(NSTemporaryDirectory()) && !home.path.hasPrefix("/tmp/"))
    }
}
