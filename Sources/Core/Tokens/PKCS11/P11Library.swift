import CP11Kit
import Glibc

/// The PKCS#11 modules loaded through p11-kit: every registered module, or one given by path.
///
/// p11-kit initialises each module with OS locking, so the function lists may be called from any thread.
/// The modules are finalised when the last library, module, slot or session using them is released.
public final class P11Library: Sendable {
    /// The loaded modules, in p11-kit's order.
    public let modules: [P11Module]

    /// Loads and initialises every module registered with p11-kit (`p11-kit list-modules`).
    public static func registered() throws(P11Error) -> P11Library {
        guard let list = p11_kit_modules_load_and_initialize(0) else {
            throw .modulesUnavailable(Self.lastMessage())
        }
        let loaded = P11LoadedModules { p11_kit_modules_finalize_and_release(list) }
        var modules: [P11Module] = []
        var index = 0
        while let functions = list[index] {
            modules.append(P11Module(functions: functions, name: Self.name(of: functions), loaded: loaded))
            index += 1
        }
        return P11Library(modules: modules)
    }

    /// Loads and initialises one module from an explicit path (a vendor's `.so`).
    public static func module(atPath path: String) throws(P11Error) -> P11Library {
        guard let functions = p11_kit_module_load(path, 0) else {
            throw .moduleLoadFailed(path: path, reason: Self.lastMessage())
        }
        let rv = p11_kit_module_initialize(functions)
        guard rv == CK_RV(CKR_OK) else {
            p11_kit_module_release(functions)
            throw .moduleLoadFailed(path: path, reason: P11ReturnCode.name(of: rv))
        }
        let loaded = P11LoadedModules {
            _ = p11_kit_module_finalize(functions)
            p11_kit_module_release(functions)
        }
        return P11Library(modules: [P11Module(functions: functions, name: path, loaded: loaded)])
    }

    private init(modules: [P11Module]) {
        self.modules = modules
    }

    /// Every slot of every module, with or without a token.
    public func slots(tokenPresent: Bool = true) -> [P11Slot] {
        modules.flatMap { (try? $0.slots(tokenPresent: tokenPresent)) ?? [] }
    }

    /// The first slot holding a token with this label.
    public func slot(tokenLabel label: String) throws(P11Error) -> P11Slot {
        for slot in slots() where (try? slot.token().label) == label {
            return slot
        }
        throw .tokenNotFound(label: label)
    }

    private static func name(of functions: UnsafeMutablePointer<CK_FUNCTION_LIST>) -> String {
        if let name = p11_kit_module_get_name(functions) {
            defer { free(name) }
            return String(cString: name)
        }
        if let file = p11_kit_module_get_filename(functions) {
            defer { free(file) }
            return String(cString: file)
        }
        return "unnamed module"
    }

    private static func lastMessage() -> String {
        p11_kit_message().map { String(cString: $0) } ?? "no message from p11-kit"
    }
}

/// Owns modules loaded through p11-kit and finalises them when the last user is gone.
final class P11LoadedModules: @unchecked Sendable {
    // Called once, from deinit.
    private let release: () -> Void

    init(release: @escaping () -> Void) { self.release = release }
    deinit { release() }
}
