import CP11Kit

/// An open session on a token. Keep one open (and logged in) for a batch of operations:
/// opening a session and logging in cost far more than a signature.
public final class P11Session: @unchecked Sendable {
    /// The module, kept loaded while the session is open.
    let module: P11Module
    let handle: CK_SESSION_HANDLE
    /// The slot of the token this session is open on.
    let slotID: CK_SLOT_ID
    var functions: UnsafeMutablePointer<CK_FUNCTION_LIST> { module.functions }

    init(module: P11Module, slotID: CK_SLOT_ID, handle: CK_SESSION_HANDLE) {
        self.module = module
        self.slotID = slotID
        self.handle = handle
    }

    deinit { _ = functions.pointee.C_CloseSession(handle) }

    /// Logs the user in. Pass `nil` on a token with a protected authentication path (PIN pad).
    /// A wrong PIN throws ``P11Error/pinIncorrect(remaining:)`` with what the token reports.
    public func login(pin: String?) throws(P11Error) {
        guard let pin else {
            let rv = functions.pointee.C_Login(handle, CK_USER_TYPE(CKU_USER), nil, 0)
            guard rv == CK_RV(CKR_OK) || rv == CK_RV(CKR_USER_ALREADY_LOGGED_IN) else {
                throw P11Error.from(rv, function: "C_Login")
            }
            if rv == CK_RV(CKR_OK) { P11LoginWitness.shared.forget(functions, slot: slotID) }
            return
        }
        var bytes = Array(pin.utf8)
        defer { for index in bytes.indices { bytes[index] = 0 } }
        let rv = functions.pointee.C_Login(handle, CK_USER_TYPE(CKU_USER), &bytes, CK_ULONG(bytes.count))
        switch rv {
        case CK_RV(CKR_OK):
            P11LoginWitness.shared.loggedIn(functions, slot: slotID, pin: bytes)
        case CK_RV(CKR_USER_ALREADY_LOGGED_IN):
            // Another session of this process holds the login: the token did not look at this PIN.
            guard P11LoginWitness.shared.admits(functions, slot: slotID, pin: bytes) else {
                throw .pinIncorrect(remaining: triesLeft())
            }
        case CK_RV(CKR_PIN_INCORRECT):
            throw .pinIncorrect(remaining: triesLeft())
        default:
            throw P11Error.from(rv, function: "C_Login")
        }
    }

    /// Finds the objects matching every given attribute.
    public func findObjects(_ template: [P11Attribute]) throws(P11Error) -> [CK_OBJECT_HANDLE] {
        try P11Attribute.withTemplate(template) { (attributes, count) throws(P11Error) in
            try check(functions.pointee.C_FindObjectsInit(handle, attributes, count), "C_FindObjectsInit")
            defer { _ = functions.pointee.C_FindObjectsFinal(handle) }
            var found: [CK_OBJECT_HANDLE] = []
            var batch = [CK_OBJECT_HANDLE](repeating: 0, count: 32)
            while true {
                var returned: CK_ULONG = 0
                try check(
                    functions.pointee.C_FindObjects(handle, &batch, CK_ULONG(batch.count), &returned), "C_FindObjects")
                if returned == 0 { return found }
                found.append(contentsOf: batch.prefix(Int(returned)))
            }
        }
    }

    /// Reads one attribute's value, or `nil` when the object has no such attribute or keeps it sensitive.
    public func attribute(_ type: CK_ATTRIBUTE_TYPE, of object: CK_OBJECT_HANDLE) throws(P11Error) -> [UInt8]? {
        var query = CK_ATTRIBUTE(type: type, pValue: nil, ulValueLen: 0)
        let rv = functions.pointee.C_GetAttributeValue(handle, object, &query, 1)
        if rv == CK_RV(CKR_ATTRIBUTE_TYPE_INVALID) || rv == CK_RV(CKR_ATTRIBUTE_SENSITIVE) { return nil }
        try check(rv, "C_GetAttributeValue")
        // CK_UNAVAILABLE_INFORMATION is ~0.
        if query.ulValueLen == CK_ULONG.max { return nil }
        var value = [UInt8](repeating: 0, count: Int(query.ulValueLen))
        let second = value.withUnsafeMutableBytes { buffer in
            query.pValue = buffer.baseAddress
            return functions.pointee.C_GetAttributeValue(handle, object, &query, 1)
        }
        try check(second, "C_GetAttributeValue")
        return value
    }

    /// Every certificate object on the token, with its identifier, label and DER encoding.
    public func certificates() throws(P11Error) -> [P11CertificateObject] {
        let handles = try findObjects([.objectClass(CK_OBJECT_CLASS(CKO_CERTIFICATE))])
        var certificates: [P11CertificateObject] = []
        for object in handles {
            guard let der = try attribute(CK_ATTRIBUTE_TYPE(CKA_VALUE), of: object) else { continue }
            let id = try attribute(CK_ATTRIBUTE_TYPE(CKA_ID), of: object) ?? []
            let label = try attribute(CK_ATTRIBUTE_TYPE(CKA_LABEL), of: object).map {
                String(decoding: $0, as: UTF8.self)
            }
            certificates.append(P11CertificateObject(handle: object, id: id, label: label ?? "", der: der))
        }
        return certificates
    }

    private func triesLeft() -> P11Error.PINTriesLeft {
        var session = CK_SESSION_INFO()
        var token = CK_TOKEN_INFO()
        guard functions.pointee.C_GetSessionInfo(handle, &session) == CK_RV(CKR_OK),
            functions.pointee.C_GetTokenInfo(session.slotID, &token) == CK_RV(CKR_OK)
        else { return .unknown }
        let info = P11TokenInfo(token)
        if info.userPINFinalTry { return .finalTry }
        if info.userPINCountLow { return .countLow }
        return .unknown
    }
}

/// A certificate stored on a token.
public struct P11CertificateObject: Sendable, Equatable {
    public let handle: CK_OBJECT_HANDLE
    /// CKA_ID: pairs the certificate with its private key.
    public let id: [UInt8]
    /// CKA_LABEL, empty when the token has none.
    public let label: String
    /// The certificate's DER encoding.
    public let der: [UInt8]
}
