import CorePDF
import Foundation
import TestSupport

/// Test PDFs written by hand (classic cross-reference table) and their qpdf variants, and the
/// external tools that sign and validate them.
struct PDFFixtures {
    let work: URL

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-pdf-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    func removeWork() { try? FileManager.default.removeItem(at: work) }

    func url(_ name: String) -> URL { work.appendingPathComponent(name) }

    /// A two-page PDF with a classic cross-reference table; `withForm` adds an indirect /Annots
    /// array holding a text field's widget and an indirect /AcroForm listing it, and
    /// `emptySignatureField` a visible unsigned signature field "Signature du candidat" there too;
    /// `directForm` makes both the /AcroForm and the /Annots array direct objects instead.
    func writeSimplePDF(
        _ name: String, withForm: Bool = false, emptySignatureField: Bool = false, directForm: Bool = false
    ) throws -> URL {
        let content = "BT /F1 24 Tf 72 700 Td (Hello, Sceau) Tj ET"
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R\(withForm ? " /AcroForm 9 0 R" : "") >>",
            "<< /Type /Pages /Kids [3 0 R 10 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >>\(withForm ? " /Annots 7 0 R" : "") >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Title (Test \\(nested\\) title) /Producer (Sceau tests) >>",
            "[8 0 R]",
            "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Nom) /V (Dupont) /Rect [72 600 272 620] /P 3 0 R >>",
            "<< /Fields [8 0 R] /DA (/Helv 0 Tf 0 g) >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
        if !withForm { objects[6] = "null" }
        if directForm {
            objects[0] = "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [8 0 R] /DA (/Helv 0 Tf 0 g) >> >>"
            objects[2] = objects[2].replacingOccurrences(of: "/Annots 7 0 R", with: "/Annots [8 0 R]")
            objects[6] = "null"
            objects[8] = "null"
        }
        if emptySignatureField {
            objects[6] = "[8 0 R 11 0 R]"
            objects[8] = "<< /Fields [8 0 R 11 0 R] /DA (/Helv 0 Tf 0 g) >>"
            objects.append(
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature du candidat) /Rect [72 500 272 550] /F 4 /P 3 0 R >>"
            )
        }
        var text = "%PDF-1.7\n%\u{e2}\u{e3}\u{cf}\u{d3}\n"
        var bytes = Array(text.utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = bytes.count
        text = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 6 0 R "
        text += "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\n"
        text += "startxref\n\(xref)\n%%EOF\n"
        bytes += Array(text.utf8)
        let url = url(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// `input` rewritten by qpdf with `options` (e.g. `--object-streams=generate`, `--linearize`).
    func qpdf(_ input: URL, _ name: String, _ options: [String]) throws -> URL {
        let output = url(name)
        try run("/usr/bin/qpdf", options + [input.path, output.path])
        return output
    }

    /// Prepares `input`, signs the byte range with `openssl cms` and the qualified signer, embeds and commits.
    @discardableResult
    func sign(_ input: URL, to name: String, options: PDFSignatureOptions = PDFSignatureOptions())
        throws -> (url: URL, preparation: PDFSignaturePreparation)
    {
        let output = url(name)
        let preparation = try PDFSignaturePreparation(input: input, output: output, options: options)
        let signature = try opensslSign(preparation)
        try preparation.embed(signature: signature)
        try preparation.commit()
        return (output, preparation)
    }

    /// A detached CMS signature of the preparation's signed bytes, made by `openssl cms -sign`.
    func opensslSign(_ preparation: PDFSignaturePreparation) throws -> [UInt8] {
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let bytes = url("signed-bytes-\(UUID())")
        let signature = url("signature-\(UUID()).der")
        _ = FileManager.default.createFile(atPath: bytes.path, contents: nil)
        let handle = try FileHandle(forWritingTo: bytes)
        try preparation.signedBytes { try handle.write(contentsOf: Data($0)) }
        try handle.close()
        try run(
            "/usr/bin/openssl",
            [
                "cms", "-sign", "-binary", "-in", bytes.path, "-signer",
                pki.appendingPathComponent("signer-qualified.pem").path, "-inkey",
                pki.appendingPathComponent("signer-qualified.key").path, "-certfile",
                pki.appendingPathComponent("intermediate-ca.pem").path, "-outform", "DER", "-nosmimecap", "-md",
                "sha256", "-out", signature.path,
            ])
        return Array(try Data(contentsOf: signature))
    }

    /// `pdfsig`'s report on `url`.
    func pdfsig(_ url: URL) throws -> String { try run("/usr/bin/pdfsig", [url.path]) }

    /// pyHanko's validation report on `url` (throws when pyHanko judges a signature invalid).
    func pyhankoValidate(_ url: URL) throws -> String {
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        return try run(
            TestEnvironment.repositoryRoot.appendingPathComponent(".venv/bin/pyhanko").path,
            [
                "sign", "validate", "--pretty-print", "--no-revocation-check", "--trust-replace", "--trust",
                pki.appendingPathComponent("root-ca.pem").path, "--other-certs",
                pki.appendingPathComponent("intermediate-ca.pem").path, url.path,
            ])
    }

    /// `input` signed by pyHanko with the qualified signer's PEM key and certificate; `certify` makes
    /// it a certification signature (DocMDP, form filling and signing allowed).
    func pyhankoSign(_ input: URL, _ name: String, certify: Bool = false) throws -> URL {
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let output = url(name)
        try run(
            TestEnvironment.repositoryRoot.appendingPathComponent(".venv/bin/pyhanko").path,
            [
                "sign", "addsig", "--field", "Approbation", "--use-pades",
            ] + (certify ? ["--certify"] : []) + [
                "pemder", "--no-pass", "--key",
                pki.appendingPathComponent("signer-qualified.key").path, "--cert",
                pki.appendingPathComponent("signer-qualified.pem").path, "--chain",
                pki.appendingPathComponent("intermediate-ca.pem").path, input.path, output.path,
            ])
        return output
    }

    /// The names of the files of the work directory whose name contains `part`.
    func files(containing part: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains(part) }
    }
}
