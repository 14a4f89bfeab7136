/// The platform's JSON API as both programs see it: the platform answers with these types and the
/// assistant reads them (`sceau-assistant deposit`, remote jobs). `docs/openapi.yaml` describes them.
public enum PlatformAPI {}
