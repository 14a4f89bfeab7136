#!/usr/bin/env python3
"""« Ouverture et Analyse » end to end: a real `sceau-platform serve`, a real `sceau-assistant serve`, the SoftHSM
token, a scripted pinentry, and headless Chromium.

A consultation opened « par dossier » (candidature and offre) gets two bids, deposited with `sceau-assistant
deposit` before its deadline and sealed for a bi-key generated on the SoftHSM token. After the deadline, in
Chromium, the buyer:
- sees the table of plis: the candidatures may be selected, the offers not yet;
- selects every envelope (the candidatures only) and clicks « Ouvrir en ligne »: the assistant releases their keys;
- declares pli 1 « Admissible » and pli 2 « Non admissible » with a reason;
- selects pli 1's offer (pli 2's stays disabled) and opens it online: pli 2's offer stays « Fermée », and the
  platform refuses it (409, in French) when asked directly, online or downloaded;
- reads the procès-verbal d'ouverture (HTML, then its PDF): who opened what, when, the admissions, what stayed
  closed;
- then the workstation tools (« Outils du poste »): runs « Tester la configuration du poste » and reads its lines,
  signs the procès-verbal's PDF through « Signer un document » and downloads it, verifies it through « Vérifier une
  signature » with the assistant and on the server, an altered copy (« invalide ») and a file above the limit;
- generates a bi-key on the token with « Générer une bi-clé » (organisation page) and registers it as « secours ».
axe-core audits every page (0 serious or critical); screenshots of the table and the procès-verbal.
Usage: opening_walk.py SCEAU_BIN_DIR WORKDIR   (the fixtures' SOFTHSM2_CONF, SCEAU_TEST_TOKEN_LABEL,
SCEAU_TEST_PIN set). Prints "N passed, N failed" last.
"""
import json, os, shutil, subprocess, sys, tempfile, time, traceback
import urllib.error, urllib.request

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from walk_support import Tally, audit, axe_summary, chromium, free_port, screenshot, visit, wait_for_health

bin_dir, workdir = sys.argv[1], sys.argv[2]
platform_bin, assistant_bin = os.path.join(bin_dir, "sceau-platform"), os.path.join(bin_dir, "sceau-assistant")
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="opening-", dir=workdir)
here = os.path.dirname(os.path.abspath(__file__))
pinentry = os.path.join(here, "..", "fixtures", "pinentry-fake.sh")
token_label = os.environ.get("SCEAU_TEST_TOKEN_LABEL", "sceau-test")
pin = os.environ.get("SCEAU_TEST_PIN", "1234")
data_dir = os.path.join(scratch, "data")

tally = Tally()
check = tally.check
processes = {}

platform_port, assistant_port = free_port(), free_port()
base = f"http://127.0.0.1:{platform_port}"
assistant_env = dict(os.environ, SCEAU_CONFIG_DIR=os.path.join(scratch, "assistant-config"),
                     SCEAU_STATE_DIR=os.path.join(scratch, "assistant-state"), SCEAU_FAKE_PIN=pin,
                     SCEAU_FAKE_PIN_LOG=os.path.join(scratch, "pinentry.log"), SCEAU_PIN=pin)


def api(method, path, body=None, session=None):
    """Calls the platform's API; `session` is (cookie, csrf). Returns (status, headers, bytes)."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if session:
        request.add_header("Cookie", session[0])
        request.add_header("X-CSRF-Token", session[1])
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def api_json(method, path, body=None, session=None):
    status, _, data = api(method, path, body, session)
    if status >= 300:
        raise RuntimeError(f"{method} {path}: {status} {data[:300]!r}")
    return json.loads(data) if data else None


def deposit(reference, login, files):
    """`sceau-assistant deposit` with one file per envelope."""
    arguments = [assistant_bin, "deposit", "--platform", base, "--consultation", reference,
                 "--state-dir", os.path.join(scratch, f"deposit-{login}")]
    for envelope, path in files.items():
        arguments += ["--envelope", f"{envelope}={path}"]
    environment = dict(assistant_env, SCEAU_PLATFORM_LOGIN=login, SCEAU_PLATFORM_PASSWORD="walk password 2026")
    result = subprocess.run(arguments, env=environment, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"deposit {login}: {result.returncode} {result.stdout} {result.stderr}")


def envelope_state(driver, deposit_id, envelope):
    """The envelope's state, None while absent or while the page replaces the table of plis (after a job)."""
    try:
        items = driver.find_elements(By.CSS_SELECTOR, f"#liste-plis tr[data-depot='{deposit_id}'] li[data-enveloppe='{envelope}'] .etat-enveloppe")
        return items[0].text if items else None
    except StaleElementReferenceException:
        return None


def badge(driver, deposit_id):
    """The admission badge of the pli (« Admissible », « Non admissible »), None before a decision."""
    badges = driver.find_elements(By.CSS_SELECTOR, f"#liste-plis tr[data-depot='{deposit_id}'] td.admission .badge")
    return badges[0].text if badges else None


def assistant_ready(driver, wait, token_label):
    """After a page load: waits until the page's assistant is En ligne and lists the key, then selects the key.
    A click on « Ouvrir en ligne » before that only shows « L'assistant est hors ligne »."""
    wait.until(lambda d: "En ligne" in d.find_element(By.ID, "etat-assistant").text)
    option = f"#cle-dechiffrement option[value='{token_label}']"
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, option))
    driver.find_element(By.CSS_SELECTOR, option).click()


def wait_states(driver, wanted, timeout=180):
    """Waits until every (deposit, envelope) of `wanted` shows its state; returns the states seen."""
    end = time.time() + timeout
    seen = {}
    while time.time() < end:
        seen = {key: envelope_state(driver, *key) for key in wanted}
        if all(seen[key] == state for key, state in wanted.items()):
            break
        time.sleep(0.3)
    return seen


driver = None
try:
    subprocess.run([platform_bin, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
    public_key = os.path.join(scratch, "platform-key.pem")
    with open(public_key, "w") as f:
        subprocess.run([platform_bin, "signing-key", "--data-dir", data_dir], check=True, stdout=f)
    processes["platform"] = subprocess.Popen(
        [platform_bin, "serve", "--data-dir", data_dir, "--port", str(platform_port), "--assistant-port",
         str(assistant_port)], stdout=open(os.path.join(scratch, "platform.log"), "w"), stderr=subprocess.STDOUT)
    wait_for_health(base)
    subprocess.run([assistant_bin, "pair", base, "--public-key", public_key, "--yes"], env=assistant_env, check=True,
                   stdout=subprocess.DEVNULL)

    # The service's bi-key on the SoftHSM token, registered on the platform.
    status, headers, body = api("POST", "/api/session", {"login": "admin", "password": "sceau-demo"})
    admin = (headers["Set-Cookie"].split(";")[0], json.loads(body)["csrfToken"])
    organisations = api_json("GET", "/api/organisations", session=admin)
    city = organisations[0]["id"] if isinstance(organisations, list) else organisations["id"]
    certificate = os.path.join(scratch, "ouverture.pem")
    key_name = f"Ouverture sélective {os.getpid()}"
    generated = subprocess.run([assistant_bin, "keys", "generate", "--token", token_label, "--name", key_name,
                                "--algorithm", "rsa-2048", "--cert-out", certificate], env=assistant_env,
                               capture_output=True, text=True)
    if generated.returncode != 0:
        raise RuntimeError(f"keys generate: {generated.stdout} {generated.stderr}")
    with open(certificate) as f:
        api_json("POST", f"/api/organisations/{city}/keys",
                 {"certificate": f.read(), "kind": "personnelle", "name": key_name}, admin)
    processes["assistant"] = subprocess.Popen(
        [assistant_bin, "serve", "--port", str(assistant_port), "--pinentry", pinentry, "--plis-folder",
         os.path.join(scratch, "plis")], env=assistant_env, stdout=open(os.path.join(scratch, "assistant.log"), "w"),
        stderr=subprocess.STDOUT)
    wait_for_health(f"http://127.0.0.1:{assistant_port}")

    # A consultation « par dossier », two companies, two bids before the deadline.
    reference = f"OUV-SEL-{os.getpid()}"
    deadline = int(time.time()) + 60
    body = {"organisationId": city, "reference": reference, "contractType": "marche-public",
            "procedureType": "appel-d-offres-ouvert", "category": "travaux",
            "title": f"Travaux {reference}", "object": "Ouverture sélective des plis", "placeOfExecution": "Paris",
            "cpv": "45210000-2", "deadline": deadline, "onlineFrom": int(time.time()) - 60,
            "modalities": {"electronicResponse": "autorisee", "signature": "non-requise", "encryption": True,
                           "envelopes": ["candidature", "offre"], "openingMode": "par-dossier",
                           "displayedAfterDeadline": False}}
    consultation = api_json("POST", "/api/consultations", body, admin)
    for transition in ("submit", "validate"):
        consultation = api_json("POST", f"/api/consultations/{consultation['id']}/{transition}", {}, admin)
    consultation_id = consultation["id"]
    companies = [("Toitures Martin", "73282932000074", f"martin{os.getpid()}"),
                 ("Charpentes Leroy", "55208131766522", f"leroy{os.getpid()}")]
    for name, siret, login in companies:
        registration = {"name": name, "siret": siret,
                        "bidder": {"civility": "Mme", "lastName": "Dupont", "firstName": "Anne",
                                   "email": f"{login}@example.fr", "login": login, "password": "walk password 2026"}}
        status, _, data = api("POST", "/api/entreprises", registration)
        if status >= 300:
            raise RuntimeError(f"company {name}: {status} {data[:300]!r}")
        files = {}
        for envelope in ("candidature", "offre"):
            path = os.path.join(scratch, f"{login}-{envelope}.pdf")
            with open(path, "wb") as f:
                f.write(b"%PDF-1.4 " + envelope.encode() + b" " + os.urandom(50000))
            files[envelope] = path
        deposit(reference, login, files)
    check("two bids deposited before the deadline", time.time() < deadline, deadline - time.time())
    time.sleep(max(0, deadline - time.time()) + 1)
    api_json("POST", f"/api/consultations/{consultation_id}/open", {}, admin)
    deposits = [d for d in api_json("GET", f"/api/consultations/{consultation_id}/deposits", session=admin)
                if d["state"] == "complet"]
    by_company = {d["companyName"]: d["depositId"] for d in deposits}
    pli1, pli2 = by_company["Toitures Martin"], by_company["Charpentes Leroy"]

    # The buyer's table of plis.
    driver, wait = chromium()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    visit(driver, wait, base + "/connexion")
    driver.find_element(By.NAME, "login").send_keys("admin")
    driver.find_element(By.NAME, "password").send_keys("sceau-demo")
    driver.find_element(By.XPATH, "//button[@type='submit']").click()
    wait.until(lambda d: "/connexion" not in d.current_url)
    page = f"{base}/consultations/{consultation_id}#plis"
    visit(driver, wait, page)
    assistant_ready(driver, wait, token_label)
    offer1 = driver.find_element(By.ID, f"enveloppe-{pli1}-offre")
    check("before anything is opened, the offers cannot be selected", not offer1.is_enabled())
    check("and the table says when they open",
          "toutes les candidatures ouvertes et examinées" in driver.find_element(By.ID, "liste-plis").text)
    check("the candidatures can be selected",
          driver.find_element(By.ID, f"enveloppe-{pli1}-candidature").is_enabled()
          and driver.find_element(By.ID, f"enveloppe-{pli2}-candidature").is_enabled())
    screenshot(driver, "ouverture-plis-fermes")
    driver.find_element(By.ID, "ouvrir-en-ligne").click()
    check("nothing selected: the page asks to select",
          "Cochez au moins une enveloppe" in driver.find_element(By.ID, "message-jobs").text,
          driver.find_element(By.ID, "message-jobs").text)
    # « Sélectionner toutes les enveloppes »: the candidatures only (the offers are disabled).
    driver.find_element(By.ID, "selection-tous").click()
    selected = [box.get_attribute("value") for box in
                driver.find_elements(By.CSS_SELECTOR, "#liste-plis input[name='enveloppe']:checked")]
    check("selecting every envelope selects the two candidatures",
          sorted(selected) == sorted([f"{pli1}:candidature", f"{pli2}:candidature"]), selected)
    driver.find_element(By.ID, "ouvrir-en-ligne").click()
    seen = wait_states(driver, {(pli1, "candidature"): "Ouverte en ligne", (pli2, "candidature"): "Ouverte en ligne"})
    check("the candidatures are opened online through the assistant",
          set(seen.values()) == {"Ouverte en ligne"},
          (seen, driver.find_element(By.ID, "message-jobs").text, driver.find_element(By.ID, "suivi-jobs").text))
    check("the offers stay Fermée", envelope_state(driver, pli1, "offre") == "Fermée"
          and envelope_state(driver, pli2, "offre") == "Fermée")
    check("the decrypted candidature is offered for download",
          len(driver.find_elements(By.CSS_SELECTOR,
                                   f"#liste-plis tr[data-depot='{pli1}'] li[data-enveloppe='candidature'] a[download]")) == 1)

    # Admissions: the forms appear once the candidatures are open (the page audited again in that state).
    driver.refresh()
    wait.until(lambda d: d.execute_script("return document.readyState === 'complete'")
               and d.find_elements(By.ID, f"decision-{pli1}"))
    tally.audited.discard(f"/consultations/{consultation_id}")
    audit(driver)
    Select(driver.find_element(By.ID, f"decision-{pli1}")).select_by_value("admissible")
    driver.find_element(By.CSS_SELECTOR, f"form[action$='/plis/{pli1}/admission'] button").click()
    wait.until(lambda d: badge(d, pli1) == "Admissible")
    # « Non admissible » without a reason is refused beside the action, with the reason to give.
    Select(driver.find_element(By.ID, f"decision-{pli2}")).select_by_value("non-admissible")
    driver.find_element(By.CSS_SELECTOR, f"form[action$='/plis/{pli2}/admission'] button").click()
    wait.until(lambda d: d.find_elements(By.ID, "erreurs"))
    check("Non admissible without a reason is refused",
          "motif" in driver.find_element(By.ID, "erreurs").text, driver.find_element(By.ID, "erreurs").text)
    # The reason is shown beside the motif field, which is marked invalid and described by it.
    motif_error = driver.find_elements(By.ID, f"motif-{pli2}-erreur")
    motif_field = driver.find_element(By.ID, f"motif-{pli2}")
    check("the refusal is beside the motif field, in the « Plis » tab",
          bool(motif_error) and motif_error[0].is_displayed() and "motif" in motif_error[0].text
          and motif_field.get_attribute("aria-invalid") == "true"
          and f"motif-{pli2}-erreur" in (motif_field.get_attribute("aria-describedby") or ""),
          motif_error[0].text if motif_error else "no error beside the field")
    visit(driver, wait, page)
    Select(driver.find_element(By.ID, f"decision-{pli2}")).select_by_value("non-admissible")
    driver.find_element(By.ID, f"motif-{pli2}").send_keys("Attestation d'assurance décennale absente")
    driver.find_element(By.CSS_SELECTOR, f"form[action$='/plis/{pli2}/admission'] button").click()
    wait.until(lambda d: badge(d, pli2) == "Non admissible")
    table = driver.find_element(By.ID, "liste-plis").text
    check("the table shows pli 1 Admissible and pli 2 Non admissible with its reason",
          badge(driver, pli1) == "Admissible" and "assurance décennale" in table, table)
    offer1 = driver.find_element(By.ID, f"enveloppe-{pli1}-offre")
    offer2 = driver.find_element(By.ID, f"enveloppe-{pli2}-offre")
    check("pli 1's offer may now be selected, pli 2's not", offer1.is_enabled() and not offer2.is_enabled())
    check("the table says why pli 2's offer stays closed", "Pli non admis" in table, table)

    # Pli 1's offer only (the page was reloaded by the admission form: its assistant connects again).
    assistant_ready(driver, wait, token_label)
    driver.find_element(By.ID, f"enveloppe-{pli1}-offre").click()
    driver.find_element(By.ID, "ouvrir-en-ligne").click()
    seen = wait_states(driver, {(pli1, "offre"): "Ouverte en ligne"})
    check("pli 1's offer is opened online", seen[(pli1, "offre")] == "Ouverte en ligne", seen)
    check("pli 2's offer stays Fermée", envelope_state(driver, pli2, "offre") == "Fermée")
    screenshot(driver, "ouverture-plis-analyse")
    # The platform refuses pli 2's offer whatever the way.
    for kind in ("ouverture-en-ligne", "telechargement"):
        status, _, data = api("POST", f"/api/consultations/{consultation_id}/jobs",
                              {"kind": kind, "envelopes": [{"depositId": pli2, "envelope": "offre"}]}, admin)
        message = json.loads(data).get("error", {}).get("message", "") if data else ""
        check(f"{kind}: pli 2's offer is refused (409, in French)",
              status == 409 and "n'est pas admis" in message, (status, message))
    board = api_json("GET", f"/api/consultations/{consultation_id}/opening", session=admin)
    states = {(p["depositId"], e["envelope"]): e["state"] for p in board["plis"] for e in p["envelopes"]}
    check("the board: pli 2's offer fermee, the rest open", states[(pli2, "offre")] == "fermee"
          and states[(pli1, "offre")] == "ouverte-en-ligne", states)

    # The ranking (one admitted pli).
    driver.find_element(By.ID, f"rang-{pli1}").send_keys("1")
    driver.find_element(By.XPATH, "//button[normalize-space()='Enregistrer le classement']").click()
    wait.until(lambda d: "Classement enregistré" in d.find_element(By.ID, "liste-plis").text)
    check("the ranking is recorded", "1. Pli n° 1 (Toitures Martin)" in driver.find_element(By.ID, "liste-plis").text)

    # The procès-verbal d'ouverture.
    visit(driver, wait, f"{base}/consultations/{consultation_id}/proces-verbal")
    text = driver.find_element(By.TAG_NAME, "main").text
    for wanted in ("Procès-verbal d'ouverture des plis", reference, "Toitures Martin", "Charpentes Leroy",
                   "Admissible", "Non admissible", "Attestation d'assurance décennale absente", "En ligne",
                   "Pli n° 2 (Charpentes Leroy) : Offre"):
        check(f"the procès-verbal shows « {wanted} »", wanted in text)
    openings = driver.find_elements(By.CSS_SELECTOR, "table.ouvertures tbody tr")
    agents = [row.find_elements(By.TAG_NAME, "td")[1].text for row in openings]
    check("the procès-verbal lists three openings, each with its agent", len(openings) == 3 and all(agents),
          [row.text for row in openings])
    screenshot(driver, "proces-verbal-ouverture")
    status, headers, pdf = api("GET", f"/consultations/{consultation_id}/proces-verbal.pdf", session=admin)
    check("the procès-verbal as PDF", status == 200 and pdf.startswith(b"%PDF-1.4")
          and headers.get("Content-Type") == "application/pdf", status)
    if shutil.which("pdftotext"):
        path = os.path.join(scratch, "pv.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        extracted = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        check("the PDF reads (pdftotext): admissions and what stayed closed",
              "Non admissible" in extracted and "ENVELOPPES RESTÉES FERMÉES" in extracted
              and "Charpentes Leroy" in extracted, extracted[:500])

    # « Outils du poste » through the same paired assistant: the configuration test, signing a PDF (the
    # procès-verbal just fetched) with the token's signing key, downloading it, verifying it with the assistant
    # and on the server, an altered copy, and a file above the server's limit refused beside the field.
    downloads = os.path.join(scratch, "telechargements")
    os.makedirs(downloads, exist_ok=True)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    visit(driver, wait, f"{base}/espace-agent/outils")
    current = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".main-nav a[aria-current='page']")]
    check("the agents' navigation leads to « Outils du poste »", current == ["Outils du poste"], current)
    screenshot(driver, "outils-du-poste")
    visit(driver, wait, f"{base}/espace-agent/outils/configuration")
    wait.until(lambda d: d.find_element(By.ID, "lancer-test").is_enabled())
    driver.find_element(By.ID, "lancer-test").click()
    wait.until(lambda d: d.find_element(By.ID, "test-configuration").get_attribute("data-etat") == "termine")
    rows = driver.find_elements(By.CSS_SELECTOR, "#resultat-test tbody tr")
    lines = {row.find_element(By.TAG_NAME, "th").text: row.find_element(By.CSS_SELECTOR, ".badge").text for row in rows}
    check("the configuration test shows each line with its verdict",
          {"Système d'exploitation", "Sceau Assistant", "Communication avec le serveur distant"} <= set(lines)
          and set(lines.values()) <= {"Conforme", "Non conforme"}, lines)
    check("the platform answers the assistant (Communication avec le serveur distant: Conforme)",
          lines.get("Communication avec le serveur distant") == "Conforme", lines)
    failed = [row.find_elements(By.TAG_NAME, "td")[2].text for row in rows if row.get_attribute("data-verdict") == "echec"]
    check("each failed line says what to do", all(text and text != "Rien à faire." for text in failed), failed)
    check("and the test concludes", bool(driver.find_element(By.ID, "conclusion-test").text.strip()))
    tally.audited.discard("/espace-agent/outils/configuration")
    audit(driver)
    screenshot(driver, "outils-configuration")

    source = os.path.join(scratch, "proces-verbal.pdf")
    with open(source, "wb") as f:
        f.write(pdf)
    visit(driver, wait, f"{base}/espace-agent/outils/signer")
    signing_key = json.dumps({"token": token_label, "key": "01"}).replace(" ", "")
    option = f"#certificat-signature option[value='{signing_key}']"
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, option) and d.find_element(By.ID, "signer").is_enabled())
    driver.find_element(By.ID, "signer").click()
    check("nothing chosen: the page asks for a file, beside the field",
          "Choisissez au moins un fichier" in driver.find_element(By.ID, "fichiers-a-signer-erreur").text
          and driver.find_element(By.ID, "fichiers-a-signer").get_attribute("aria-invalid") == "true",
          driver.find_element(By.ID, "fichiers-a-signer-erreur").text)
    driver.find_element(By.CSS_SELECTOR, option).click()
    driver.find_element(By.ID, "fichiers-a-signer").send_keys(source)
    driver.find_element(By.ID, "signer").click()
    WebDriverWait(driver, 120).until(
        lambda d: d.find_element(By.ID, "signature-documents").get_attribute("data-etat") == "termine")
    items = driver.find_elements(By.CSS_SELECTOR, "#fichiers-signes li.signed-file")
    links = driver.find_elements(By.CSS_SELECTOR, "#fichiers-signes a[download]")
    name = links[0].get_attribute("download") if links else ""
    check("the PDF is signed through the assistant (PAdES), named as the seed names it",
          len(items) == 1 and items[0].get_attribute("data-etat") == "signe" and name.startswith("proces-verbal - ")
          and name.endswith(" - Signature 1.pdf"), [item.text for item in items])
    check("the PIN was asked by the assistant's pinentry, never by the page",
          not driver.find_elements(By.CSS_SELECTOR, "input[type='password']"))
    screenshot(driver, "outils-signature")
    signed_path = os.path.join(downloads, name)
    if links:
        links[0].click()
        end = time.time() + 30
        while time.time() < end and not os.path.exists(signed_path):
            time.sleep(0.2)
    signed = open(signed_path, "rb").read() if os.path.exists(signed_path) else b""
    check("the signed PDF is downloaded", signed.startswith(b"%PDF") and len(signed) > len(pdf)
          and b"/ByteRange" in signed, (len(signed), os.listdir(downloads)))
    if not signed and links:  # the rest of the walk goes on with the link's content
        encoded = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => {"
            "let s = ''; new Uint8Array(b).forEach(x => { s += String.fromCharCode(x); }); done(btoa(s)); });",
            links[0].get_attribute("href"))
        import base64
        signed = base64.b64decode(encoded)
        with open(signed_path, "wb") as f:
            f.write(signed)

    def verify(path, on_server):
        visit(driver, wait, f"{base}/espace-agent/outils/verifier")
        wait.until(lambda d: "En ligne" in d.find_element(By.ID, "etat-assistant").text)
        box = driver.find_element(By.ID, "verifier-sur-serveur")
        if box.is_selected() != on_server:
            box.click()
        driver.find_element(By.ID, "fichier-signe").send_keys(path)
        driver.find_element(By.ID, "verifier").click()
        wait.until(lambda d: d.find_element(By.ID, "rapport-verification").is_displayed()
                   or d.find_element(By.ID, "fichier-signe-erreur").is_displayed())
        return driver.find_element(By.ID, "rapport-verification").text

    VERDICTS = ("Signature valide", "Signature invalide", "Signature indéterminée")
    report = verify(signed_path, on_server=False)
    by_assistant = [v for v in VERDICTS if v in report]
    check("verified by the assistant: each signer, certificate, time and verdict in French",
          "vérifié par l'assistant de votre poste" in report and "Signataire" in report
          and "Certificat émis par" in report and "Date de signature" in report
          and by_assistant in (["Signature valide"], ["Signature indéterminée"]), report)
    tally.audited.discard("/espace-agent/outils/verifier")
    audit(driver)
    screenshot(driver, "outils-verification")
    report = verify(signed_path, on_server=True)
    check("verified on the server: the same verdict", "vérifié par le serveur de la plateforme" in report
          and [v for v in VERDICTS if v in report] == by_assistant, report)
    # One letter of the text changed (« Toitures » → « Toiturez »), inside what the signature covers.
    altered = bytearray(signed)
    at = signed.find(b"Toitures")
    if at >= 0:
        altered[at + 7] = ord("z")
    tampered = os.path.join(scratch, "proces-verbal-modifie.pdf")
    with open(tampered, "wb") as f:
        f.write(bytes(altered))
    report = verify(tampered, on_server=True)
    check("an altered signed PDF is « invalide » on the server", "Signature invalide" in report, report)
    large = os.path.join(scratch, "trop-gros.pdf")
    with open(large, "wb") as f:
        f.write(b"%PDF-1.4 " + b"0" * (10 * 1024 * 1024 + 1))
    verify(large, on_server=True)
    error = driver.find_element(By.ID, "fichier-signe-erreur").text
    check("a file above the server's limit is refused beside the field, in French",
          "dépasse 10 Mio" in error and driver.find_element(By.ID, "fichier-signe").get_attribute("aria-invalid") == "true",
          error)

    # « Générer une bi-clé » on the organisation's keys section: the assistant generates it on the token (PIN through
    # its pinentry), the page fills « Ajouter une clé à partir d'un certificat existant », registered as « secours ».
    visit(driver, wait, f"{base}/espace-agent/organisations/{city}")
    wait.until(lambda d: d.find_element(By.ID, "generer-cle").is_enabled())
    backup_name = f"Secours {os.getpid()}"
    driver.find_element(By.ID, "generer-cle").click()
    check("no name: the refusal is beside the field",
          "Saisissez le nom" in driver.find_element(By.ID, "nom-bi-cle-erreur").text
          and driver.find_element(By.ID, "nom-bi-cle").get_attribute("aria-invalid") == "true")
    driver.find_element(By.ID, "nom-bi-cle").send_keys(backup_name)
    driver.find_element(By.ID, "jeton-bi-cle").clear()
    driver.find_element(By.ID, "jeton-bi-cle").send_keys(token_label)
    Select(driver.find_element(By.ID, "algorithme-bi-cle")).select_by_value("rsa-2048")
    driver.find_element(By.ID, "generer-cle").click()
    WebDriverWait(driver, 120).until(
        lambda d: d.find_element(By.ID, "cle-certificat").get_attribute("value").startswith("-----BEGIN CERTIFICATE-----")
        or d.find_element(By.ID, "jeton-bi-cle-erreur").text)
    check("the assistant generated the bi-key on the token and the page holds its certificate",
          driver.find_element(By.ID, "cle-certificat").get_attribute("value").startswith("-----BEGIN CERTIFICATE-----"),
          driver.find_element(By.ID, "jeton-bi-cle-erreur").text)
    screenshot(driver, "cles-generer-bi-cle")
    Select(driver.find_element(By.ID, "cle-type")).select_by_value("secours")
    driver.find_element(By.CSS_SELECTOR, "#ajouter-cle button[type='submit']").click()
    wait.until(lambda d: backup_name in d.find_element(By.ID, "cles").text)
    row = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.cles tbody tr") if backup_name in r.text]
    check("the generated bi-key is registered as « Bi-clé de secours »",
          len(row) == 1 and "Bi-clé de secours" in row[0], row)
except Exception:
    traceback.print_exc()
    check("the walk ran to its end", False)
finally:
    if driver:
        driver.quit()
    for process in processes.values():
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    print(axe_summary())
    print(tally.summary())
