import ArgumentParser
import PlatformApp
import PlatformKernel
import Requests

/// `serve`'s options for the citizens' online payment (`docs/requests.md`, « Paiement »).
struct PaymentOptions: ParsableArguments {
    @Option(
        help:
            "The payment service of the teleservices that ask for one: none, payfip (the DGFiP's PayFiP), or test (the platform's own test page: never in production)."
    )
    var paymentProvider: PaymentConfiguration.Kind = .none

    @Option(help: "PayFiP's client number of the régie (numcli, six digits).")
    var payfipClient: String?

    @Option(help: "PayFiP's mode (saisie): test (T), activation (X) or production (W).")
    var payfipMode: String = PayFiPSettings.Mode.test.option

    @Option(help: "PayFiP's payment address.")
    var payfipUrl: String = PayFiPSettings.defaultURL

    @Option(
        help:
            "A network (ADDRESS/PREFIX) PayFiP's notifications may come from; repeat it. Without any, notifications are accepted from any address."
    )
    var payfipNotificationFrom: [String] = []

    /// The configuration these options give, checked.
    func settings() throws -> PaymentConfiguration {
        guard let mode = PayFiPSettings.Mode(option: payfipMode) else {
            throw ValidationError("--payfip-mode must be test, activation or production.")
        }
        for text in payfipNotificationFrom where NetworkRange(text) == nil {
            throw ValidationError("--payfip-notification-from \(text): give an IPv4 or IPv6 network as ADDRESS/PREFIX.")
        }
        if paymentProvider == .payfip {
            guard let client = payfipClient, PayFiPSettings.isValidClient(client) else {
                throw ValidationError("--payment-provider payfip needs --payfip-client, the régie's six-digit number.")
            }
            guard payfipUrl.hasPrefix("https://") || payfipUrl.hasPrefix("http://") else {
                throw ValidationError("--payfip-url must be an http(s) URL.")
            }
        }
        return PaymentConfiguration(
            kind: paymentProvider,
            payfip: PayFiPSettings(client: payfipClient ?? "", mode: mode, serviceURL: payfipUrl),
            notificationSources: payfipNotificationFrom)
    }
}

extension PaymentConfiguration.Kind: ExpressibleByArgument {}
