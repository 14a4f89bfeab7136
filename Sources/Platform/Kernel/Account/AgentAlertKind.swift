/// An e-mail alert an agent may choose on « Mon compte » (« Mes alertes électroniques »). The kernel stores
/// the choices; the libraries declare the kinds they send (the procurement's in `ProcurementAlert`) and the
/// application hands them to ``AccountService/alertKinds``.
package struct AgentAlertKind: Sendable, Hashable {
    /// Stored in `agent_alert_subscriptions.kind` and posted by the page's checkboxes; never changes.
    package let id: String
    /// What the page's checkbox says (seed 001, « Mes alertes électroniques »).
    package let label: String

    package init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}
