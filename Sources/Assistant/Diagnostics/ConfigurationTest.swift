import CoreModel
import CoreTokens
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The workstation configuration test ("Tester la configuration de mon poste"): operating system,
/// assistant, certificate stores, smartcard readers, browser, and communication with the platform.
enum ConfigurationTest {
    /// Runs every check; `browser` comes from the page, `platform` is the platform's base URL.
    static func run(browser: String?, platform: URL?) async -> ConfigurationReport {
        let local = (try? await offCooperativePool { [certificateStores(), smartcardReaders()] }) ?? []
        var checks = [operatingSystem(), assistant()] + local
        checks.append(
            ConfigurationCheck(
                name: "Version du navigateur Web", ok: true, result: browser ?? "Non communiquée (ligne de commande)",
                remedy: nil))
        if let platform { checks.append(await communication(with: platform)) }
        return ConfigurationReport(checks: checks)
    }

    static func operatingSystem() -> ConfigurationCheck {
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let pretty = release.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
            .map { $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        var system = utsname()
        uname(&system)
        let kernel = withUnsafeBytes(of: system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return ConfigurationCheck(
            name: "Système d'exploitation", ok: true, result: "\(pretty ?? "Linux") (noyau \(kernel))", remedy: nil)
    }

    static func assistant() -> ConfigurationCheck {
        ConfigurationCheck(
            name: "Sceau Assistant", ok: true, result: "Installé (version \(SceauVersion.current))", remedy: nil)
    }

    static func certificateStores() -> ConfigurationCheck {
        let name = "Accès au magasin de certificats"
        do {
            let library = try P11Library.registered()
            let tokens = library.slots().compactMap { try? $0.token() }.filter(\.initialized)
            let labels = tokens.map { "« \($0.label) »" }.joined(separator: ", ")
            let result =
                "Magasin accessible (\(library.modules.count) module(s) PKCS#11, \(tokens.count) support(s)"
                + (labels.isEmpty ? ")" : " : \(labels))")
            return ConfigurationCheck(name: name, ok: true, result: result, remedy: nil)
        } catch {
            return ConfigurationCheck(
                name: name, ok: false, result: "Magasin inaccessible", remedy: String(describing: error))
        }
    }

    static func smartcardReaders() -> ConfigurationCheck {
        let name = "Lecteurs de cartes (PC/SC)"
        do {
            let context = try PCSCContext()
            let readers = try context.readers()
            guard !readers.isEmpty else {
                return ConfigurationCheck(name: name, ok: true, result: "Aucun lecteur connecté", remedy: nil)
            }
            let states = try context.states(of: readers)
            let described = states.map { "\($0.reader) : \($0.cardPresent ? "carte présente" : "pas de carte")" }
            return ConfigurationCheck(name: name, ok: true, result: described.joined(separator: " ; "), remedy: nil)
        } catch {
            let result = error == .serviceUnavailable ? "Service de cartes à puce arrêté" : "Lecteurs inaccessibles"
            return ConfigurationCheck(name: name, ok: false, result: result, remedy: error.description)
        }
    }

    /// DNS, then TLS and HTTP through a request to the platform's `/health`.
    static func communication(with platform: URL) async -> ConfigurationCheck {
        let name = "Communication avec le serveur distant"
        guard let host = platform.host else {
            return ConfigurationCheck(name: name, ok: false, result: "Adresse invalide", remedy: "Vérifiez l'adresse.")
        }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &results) == 0 else {
            return ConfigurationCheck(
                name: name, ok: false, result: "Nom \(host) introuvable (DNS)",
                remedy: "Vérifiez la connexion réseau et le nom du serveur, ou contactez votre service informatique.")
        }
        freeaddrinfo(results)
        var request = URLRequest(url: platform.appendingPathComponent("health"))
        request.timeoutInterval = 10
        do {
            let (_, response) = try await URLSession.shared.detachedData(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard status == 200 else {
                return ConfigurationCheck(
                    name: name, ok: false, result: "Le serveur répond \(status)",
                    remedy: "Le serveur de la plateforme ne répond pas normalement : réessayez plus tard.")
            }
            return ConfigurationCheck(name: name, ok: true, result: "Communication établie", remedy: nil)
        } catch {
            return ConfigurationCheck(
                name: name, ok: false, result: "Communication impossible (\(error.localizedDescription))",
                remedy: "Vérifiez le proxy, le pare-feu et le certificat TLS du serveur.")
        }
    }
}
