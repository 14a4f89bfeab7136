/// The version of Sceau shared by both programs and announced on the wire.
public enum SceauVersion {
    /// The release version of the programs, `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}
