import CP11Kit
import CoreTokens

/// The modules, slots and tokens of a ``P11Library`` as a report for people and scripts.
struct TokenListing: Encodable {
    struct Module: Encodable {
        let name: String
        let slots: [Slot]
    }
    struct Slot: Encodable {
        let id: UInt
        let description: String
        let token: Token?
    }
    struct Token: Encodable {
        let label: String
        let manufacturer: String
        let model: String
        let serialNumber: String
        let pinPad: Bool
        let pinLocked: Bool
    }

    let modules: [Module]

    init(library: P11Library) {
        modules = library.modules.map { module in
            let slots = (try? module.slots(tokenPresent: false)) ?? []
            return Module(
                name: module.name,
                slots: slots.map { slot in
                    let token = slot.tokenPresent ? (try? slot.token()).flatMap { $0.initialized ? $0 : nil } : nil
                    return Slot(
                        id: UInt(slot.id), description: slot.description,
                        token: token.map {
                            Token(
                                label: $0.label, manufacturer: $0.manufacturer, model: $0.model,
                                serialNumber: $0.serialNumber, pinPad: $0.protectedAuthenticationPath,
                                pinLocked: $0.userPINLocked)
                        })
                })
        }
    }

    var text: String {
        var out = ""
        for module in modules {
            out += "\(module.name)\n"
            for slot in module.slots {
                let token = slot.token.map {
                    "token \"\($0.label)\" (\($0.manufacturer) \($0.model), serial \($0.serialNumber))"
                }
                out += "  slot \(slot.id) \(slot.description): \(token ?? "no token")\n"
            }
        }
        return out.isEmpty ? "No PKCS#11 module is registered with p11-kit.\n" : out
    }
}
