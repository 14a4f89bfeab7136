#!/usr/bin/env python3
"""Remote jobs end to end: a real `sceau-platform serve`, a real `sceau-assistant serve`, the SoftHSM
token, a scripted pinentry, and headless Chromium.

Two consultations (opened « par réponse ») get two bids each, deposited with `sceau-assistant deposit` before
their deadline (two envelopes, files of several MB), sealed for a bi-key generated on the SoftHSM token and registered as the
service's key. After the deadline:
- in Chromium, the agent opens the first consultation, sees "État de l'assistant : En ligne", clicks
  every envelope in the table of plis and "Ouvrir en ligne": the page drives the assistant, the PIN is typed in the scripted pinentry, every
  envelope ends "Ouverte en ligne" and the decrypted files equal the bidders' originals byte for byte;
  "Télécharger les plis chiffrés" puts the sealed files in the assistant's plis folder;
- the second consultation's online opening is started over the WebSocket: the assistant fetches only each
  sealed file's header; it is killed (SIGKILL) while the PIN dialog is open, before any key is released
  (every envelope still Fermée, nothing decrypted); the job's credential cannot upload a plaintext nor open a
  file with a forged key; restarted, the assistant asks the PIN again, releases the keys and the job completes;
- a replayed job token, a descriptor signed by another key and a descriptor of another origin are
  refused.
Usage: remote_jobs_walk.py SCEAU_BIN_DIR WORKDIR   (the fixtures' SOFTHSM2_CONF, SCEAU_TEST_TOKEN_LABEL,
SCEAU_TEST_PIN set). Prints "N passed, N failed" last.
"""
import base64, datetime, hashlib, json, os, shutil, signal, subprocess, sys, tempfile, time, traceback
import urllib.error, urllib.request

import websocket
from selenium.webdriver.common.by import By

from walk_support import Tally, axe_summary, chromium, free_port, visit, wait_for_health

bin_dir, workdir = sys.argv[1], sys.argv[2]
platform_bin, assistant_bin = os.path.join(bin_dir, "sceau-platform"), os.path.join(bin_dir, "sceau-assistant")
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="remote-jobs-", dir=workdir)
here = os.path.dirname(os.path.abspath(__file__))
pinentry = os.path.join(here, "..", "fixtures", "pinentry-fake.sh")
token_label = os.environ.get("SCEAU_TEST_TOKEN_LABEL", "sceau-test")
pin = os.environ.get("SCEAU_TEST_PIN", "1234")
data_dir = os.path.join(scratch, "data")
plis_folder = os.path.join(scratch, "plis")
chunk = 1 << 20


def still(driver):
    """Reduced motion for the whole session: with the stylesheet's smooth scrolling, a click on an element
    Selenium has just scrolled to lands before the scroll ends, on another element."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})


tally = Tally()
check = tally.check
processes = {}

platform_port, assistant_port = free_port(), free_port()
base = f"http://127.0.0.1:{platform_port}"
assistant_env = dict(os.environ, SCEAU_CONFIG_DIR=os.path.join(scratch, "assistant-config"),
                     SCEAU_STATE_DIR=os.path.join(scratch, "assistant-state"), SCEAU_FAKE_PIN=pin,
                     SCEAU_FAKE_PIN_LOG=os.path.join(scratch, "pinentry.log"), SCEAU_PIN=pin)


def api(method, path, body=None, session=None, content_type="application/json", bearer=None):
    """Calls the platform's API; `session` is (cookie, csrf). Returns (status, headers, bytes)."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    if session:
        request.add_header("Cookie", session[0])
        request.add_header("X-CSRF-Token", session[1])
    if bearer:
        request.add_header("Authorization", "Bearer " + bearer)
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


def start_assistant(extra=(), environment=None):
    log = open(os.path.join(scratch, "assistant.log"), "a")
    processes["assistant"] = subprocess.Popen(
        [assistant_bin, "serve", "--port", str(assistant_port), "--pinentry", pinentry, "--plis-folder", plis_folder,
         *extra], env=environment or assistant_env, stdout=log, stderr=subprocess.STDOUT)
    wait_for_health(f"http://127.0.0.1:{assistant_port}")


def kill_assistant():
    process = processes.pop("assistant")
    process.send_signal(signal.SIGKILL)
    process.wait()


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Assistant:
    """A WebSocket session with the assistant, as a page of the platform's origin opens it."""

    def __init__(self, origin=base):
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{assistant_port}/ws", origin=origin, timeout=30)
        self.next_id = 0
        self.events = []
        self.call("hello", {"client": "remote_jobs_walk", "browser": "python"})
        self.call("events.subscribe")

    def call(self, method, params=None):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.ws.send(json.dumps(message))
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("id") == self.next_id:
                return answer
            if answer.get("method") == "event.job":
                self.events.append(answer["params"])

    def wait_job(self, job_id, condition, timeout=180):
        """Reads `event.job` until `condition(job)` holds; returns that job (None on timeout)."""
        end = time.time() + timeout
        self.ws.settimeout(1)
        while time.time() < end:
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            if message.get("method") == "event.job" and message["params"]["id"] == job_id:
                self.events.append(message["params"])
                if condition(message["params"]):
                    return message["params"]
        return None

    def close(self):
        self.ws.close()


def job_status(session, consultation_id, job_id):
    jobs = api_json("GET", f"/api/consultations/{consultation_id}/jobs", session=session)
    return next((j for j in jobs if j["id"] == job_id), None)


def wait_platform_job(session, consultation_id, job_id, condition, timeout=240):
    end = time.time() + timeout
    while time.time() < end:
        job = job_status(session, consultation_id, job_id)
        if job and condition(job):
            return job
        time.sleep(0.2)
    return job_status(session, consultation_id, job_id)


def make_consultation(admin, city, reference, deadline, signature="non-requise",
                      envelopes=("candidature", "offre")):
    body = {"organisationId": city, "reference": reference, "contractType": "marche-public",
            "procedureType": "appel-d-offres-ouvert", "category": "travaux",
            "title": f"Travaux {reference}", "object": "Ouverture des plis à distance", "placeOfExecution": "Paris",
            "cpv": "45210000-2", "deadline": deadline, "onlineFrom": int(time.time()) - 60,
            "modalities": {"electronicResponse": "autorisee", "signature": signature, "encryption": True,
                           "envelopes": list(envelopes), "openingMode": "par-reponse",
                           "displayedAfterDeadline": False}}
    consultation = api_json("POST", "/api/consultations", body, admin)
    for transition in ("submit", "validate"):
        consultation = api_json("POST", f"/api/consultations/{consultation['id']}/{transition}", {}, admin)
    return consultation


def register_company(name, siret, login):
    body = {"name": name, "siret": siret, "bidder": {"civility": "Mme", "lastName": "Dupont", "firstName": "Anne",
                                                     "email": f"{login}@example.fr", "login": login,
                                                     "password": "walk password 2026"}}
    status, _, data = api("POST", "/api/entreprises", body)
    if status >= 300:
        raise RuntimeError(f"company {name}: {status} {data[:300]!r}")


def deposit(reference, login, files):
    """`sceau-assistant deposit` with one file per envelope; returns the originals by envelope."""
    arguments = [assistant_bin, "deposit", "--platform", base, "--consultation", reference,
                 "--state-dir", os.path.join(scratch, f"deposit-{reference}-{login}")]
    for envelope, path in files.items():
        arguments += ["--envelope", f"{envelope}={path}"]
    environment = dict(assistant_env, SCEAU_PLATFORM_LOGIN=login, SCEAU_PLATFORM_PASSWORD="walk password 2026")
    result = subprocess.run(arguments, env=environment, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"deposit {login} {reference}: {result.returncode} {result.stdout} {result.stderr}")


def plaintext_checks(admin, consultation_id, originals, label):
    """Every envelope "ouverte-en-ligne" and every decrypted file equal to the bidder's original."""
    deposits = api_json("GET", f"/api/consultations/{consultation_id}/deposits", session=admin)
    complete = [d for d in deposits if d.get("state") == "complet"]
    states = [e.get("opening") for d in complete for e in d.get("envelopes", [])]
    check(f"{label}: every envelope is ouverte-en-ligne", len(states) == 4 and set(states) == {"ouverte-en-ligne"},
          states)
    same = 0
    for d in complete:
        for f in d["files"]:
            status, _, data = api("GET", f"/api/deposits/{d['depositId']}/files/{f['id']}/plaintext", session=admin)
            original = originals.get((d["companyName"], f["envelope"]))
            if status == 200 and original is not None and hashlib.sha256(data).hexdigest() == original:
                same += 1
    check(f"{label}: the four decrypted files equal the originals byte for byte", same == 4, same)


driver = None
try:
    # The platform, its key, and the assistant paired with it (the public key pinned).
    subprocess.run([platform_bin, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
    public_key = os.path.join(scratch, "platform-key.pem")
    with open(public_key, "w") as f:
        subprocess.run([platform_bin, "signing-key", "--data-dir", data_dir], check=True, stdout=f)
    processes["platform"] = subprocess.Popen(
        [platform_bin, "serve", "--data-dir", data_dir, "--port", str(platform_port), "--assistant-port",
         str(assistant_port)], stdout=open(os.path.join(scratch, "platform.log"), "w"), stderr=subprocess.STDOUT)
    wait_for_health(base)
    status, _, published = api("GET", "/api/platform/signing-key")
    with open(public_key, "rb") as f:
        check("the platform publishes the key its command prints", status == 200 and published == f.read(), status)
    subprocess.run([assistant_bin, "pair", base, "--public-key", public_key, "--yes"], env=assistant_env, check=True,
                   stdout=subprocess.DEVNULL)

    # The service's bi-key is generated on the SoftHSM token and registered on the platform.
    status, headers, body = api("POST", "/api/session", {"login": "admin", "password": "sceau-demo"})
    admin = (headers["Set-Cookie"].split(";")[0], json.loads(body)["csrfToken"])
    organisations = api_json("GET", "/api/organisations", session=admin)
    city = organisations[0]["id"] if isinstance(organisations, list) else organisations["id"]
    certificate = os.path.join(scratch, "ouverture.pem")
    key_name = f"Ouverture distante {os.getpid()}"
    generated = subprocess.run([assistant_bin, "keys", "generate", "--token", token_label, "--name", key_name,
                                "--algorithm", "rsa-2048", "--cert-out", certificate], env=assistant_env,
                               capture_output=True, text=True)
    if generated.returncode != 0:
        raise RuntimeError(f"keys generate: {generated.stdout} {generated.stderr}")
    with open(certificate) as f:
        api_json("POST", f"/api/organisations/{city}/keys",
                 {"certificate": f.read(), "kind": "personnelle", "name": key_name}, admin)
    # The daemon starts once the key is made: nothing else touches the token while it is written.
    start_assistant()

    # Two consultations, two companies, two bids each, deposited before the deadline.
    deadline = int(time.time()) + 110
    first = make_consultation(admin, city, f"OUVERTURE_{os.getpid()}_A", deadline)
    second = make_consultation(admin, city, f"OUVERTURE_{os.getpid()}_B", deadline)
    signed = make_consultation(admin, city, f"SIGNATURE_{os.getpid()}", deadline + 3600, "requise", ("offre",))
    companies = [("Toitures Martin", "73282932000074", f"martin{os.getpid()}"),
                 ("Charpentes Leroy", "55208131766522", f"leroy{os.getpid()}")]
    originals = {first["id"]: {}, second["id"]: {}}
    through_page = None
    for name, siret, login in companies:
        register_company(name, siret, login)
        for consultation, size_mb in ((first, 3), (second, 6)):
            files = {}
            for number, envelope in enumerate(("candidature", "offre")):
                path = os.path.join(scratch, f"{login}-{consultation['reference']}-{envelope}.bin")
                with open(path, "wb") as f:
                    f.write(os.urandom(size_mb * chunk + 4321 * (number + 1)))
                files[envelope] = path
                originals[consultation["id"]][(name, envelope)] = sha256_file(path)
            if through_page is None:
                through_page = (login, consultation, files)
            else:
                deposit(consultation["reference"], login, files)

    # The first bid goes through the company's "Déposer" page, which hands the files to the assistant.
    login, consultation, files = through_page
    driver, wait = chromium()
    still(driver)
    visit(driver, wait, base + "/entreprise/connexion")
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys("walk password 2026")
    driver.find_element(By.XPATH, "//button[@type='submit']").click()
    wait.until(lambda d: "/connexion" not in d.current_url)
    visit(driver, wait, f"{base}/consultations-publiques/{consultation['reference']}")
    for envelope, path in files.items():
        driver.find_element(By.ID, f"fichiers-{envelope}").send_keys(path)
    driver.find_element(By.ID, "deposer").click()
    end = time.time() + 120
    while time.time() < end and driver.find_element(By.ID, "depot").get_attribute("data-etat") in (None, "running"):
        time.sleep(0.3)
    outcome = driver.find_element(By.ID, "suivi-depot").text
    check("the Déposer page hands the bid to the assistant, which deposits it",
          driver.find_element(By.ID, "depot").get_attribute("data-etat") == "succeeded" and "Dépôt n°" in outcome,
          outcome)

    # Where signed files are required, the page names the signing certificate and the assistant signs.
    visit(driver, wait, f"{base}/consultations-publiques/{signed['reference']}")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#certificat-signature option"))
    for element in driver.find_elements(By.CSS_SELECTOR, "#certificat-signature option"):
        if json.loads(element.get_attribute("value")) == {"token": token_label, "key": "01"}:
            element.click()
    document = os.path.join(scratch, "memoire-technique.pdf")
    with open(document, "wb") as f:
        f.write(b"%PDF-1.4 memoire technique " + os.urandom(200000))
    driver.find_element(By.ID, "fichiers-offre").send_keys(document)
    driver.find_element(By.ID, "deposer").click()
    end = time.time() + 120
    while time.time() < end and driver.find_element(By.ID, "depot").get_attribute("data-etat") in (None, "running"):
        time.sleep(0.3)
    outcome = driver.find_element(By.ID, "suivi-depot").text
    deposits = api_json("GET", f"/api/consultations/{signed['id']}/deposits", session=admin)
    names = sorted(f["name"] for d in deposits if d["state"] == "complet" for f in d["files"])
    check("a required signature: the assistant signs the file and deposits it with its signature",
          len(names) == 2 and "memoire-technique.pdf.p7m" in names
          and any(n.startswith("memoire-technique") and n.endswith("Signature 1.p7s.p7m") for n in names),
          (outcome, names))
    with open(assistant_env["SCEAU_FAKE_PIN_LOG"]) as f:
        check("the signing PIN was asked by pinentry", "veut signer votre réponse" in f.read())
    driver.quit()
    driver = None
    check("four bids deposited before the deadline", time.time() < deadline, deadline - time.time())

    # Before the deadline no job can be made.
    status, _, _ = api("POST", f"/api/consultations/{first['id']}/jobs", {"kind": "ouverture-en-ligne"}, admin)
    check("no job before the deadline", status in (403, 409), status)
    time.sleep(max(0, deadline - time.time()) + 1)
    for consultation in (first, second):
        api_json("POST", f"/api/consultations/{consultation['id']}/open", {}, admin)

    # Refusals: a replayed job token, a descriptor signed by another key, a descriptor of another origin.
    offer = api_json("POST", f"/api/consultations/{first['id']}/jobs", {"kind": "telechargement"}, admin)
    descriptor = json.loads(base64.b64decode(offer["descriptor"]))
    status, _, _ = api("POST", f"/api/jobs/{descriptor['id']}/claim", b"", bearer=offer["token"])
    check("a job token is claimed once", status == 200, status)
    status, _, _ = api("POST", f"/api/jobs/{descriptor['id']}/claim", b"", bearer=offer["token"])
    check("a replayed job token is refused", status == 401, status)
    session = Assistant()
    answer = session.call("jobs.start", {"descriptor": offer["descriptor"], "signature": offer["signature"],
                                         "jobToken": offer["token"]})
    check("the assistant reports the refused token", "error" in answer, answer)
    forged = dict(descriptor, platform="https://attaquant.example")
    forged_bytes = json.dumps(forged).encode()
    answer = session.call("jobs.start", {"descriptor": base64.b64encode(forged_bytes).decode(),
                                         "signature": offer["signature"], "jobToken": offer["token"]})
    check("a descriptor changed after signing is refused", answer.get("error", {}).get("code") == -31006, answer)
    session.close()

    # Chromium: the agent opens the first consultation online from its page.
    driver, wait = chromium()
    still(driver)
    visit(driver, wait, base + "/connexion")
    driver.find_element(By.NAME, "login").send_keys("admin")
    driver.find_element(By.NAME, "password").send_keys("sceau-demo")
    driver.find_element(By.XPATH, "//button[@type='submit']").click()
    wait.until(lambda d: "/connexion" not in d.current_url)
    visit(driver, wait, f"{base}/consultations/{first['id']}#plis")  # the "Plis" tab, selected by its anchor
    wait.until(lambda d: "En ligne" in d.find_element(By.ID, "etat-assistant").text)
    check("the page shows État de l'assistant : En ligne", "En ligne" in driver.find_element(By.ID, "etat-assistant").text)
    check("before opening, the envelopes are Fermée", driver.page_source.count("Fermée") >= 4)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#cle-dechiffrement option[value='{token_label}']"))
    driver.find_element(By.CSS_SELECTOR, f"#cle-dechiffrement option[value='{token_label}']").click()
    # « Par réponse »: every envelope may be selected; « Sélectionner toutes les enveloppes ».
    driver.find_element(By.ID, "selection-tous").click()
    driver.find_element(By.ID, "ouvrir-en-ligne").click()
    seen_progress = set()
    bar_values = set()
    end = time.time() + 240
    while time.time() < end:
        text = driver.find_element(By.ID, "suivi-jobs").text
        if "%" in text:
            seen_progress.add(text.split("\n")[0][:80])
        for bar in driver.find_elements(By.CSS_SELECTOR, "#suivi-jobs progress.progress"):
            bar_values.add(float(bar.get_property("value") or 0))
        if driver.page_source.count("Ouverte en ligne") >= 4:
            break
        time.sleep(0.3)
    check("the page shows the job's progress", len(seen_progress) > 0, seen_progress)
    check("its progress bar moves", any(0 < value for value in bar_values), bar_values)
    check("the page shows every envelope Ouverte en ligne", driver.page_source.count("Ouverte en ligne") >= 4,
          driver.find_element(By.ID, "suivi-jobs").text + " / " + driver.find_element(By.ID, "message-jobs").text)
    with open(assistant_env["SCEAU_FAKE_PIN_LOG"]) as f:
        shown = f.read()
    check("the PIN was asked by pinentry naming the platform", f"{base} veut ouvrir en ligne" in shown, shown[-300:])
    plaintext_checks(admin, first["id"], originals[first["id"]], "online opening from the page")

    driver.find_element(By.ID, "selection-tous").click()
    driver.find_element(By.ID, "telecharger-plis").click()
    consultation_folder = os.path.join(plis_folder, first["reference"])
    end = time.time() + 120
    found = []
    while time.time() < end:
        found = [os.path.join(root, name) for root, _, names in os.walk(consultation_folder) for name in names]
        if len(found) >= 4 and not any(name.endswith(".part") for name in found):
            break
        time.sleep(0.3)
    deposits = api_json("GET", f"/api/consultations/{first['id']}/deposits", session=admin)
    sealed = {f["sha256"] for d in deposits if d.get("state") == "complet" for f in d["files"]}
    check("the sealed files land in the plis folder", len(found) == 4 and {sha256_file(p) for p in found} == sealed,
          found)
    check("as consultation/pli/enveloppe/fichier",
          all(len(os.path.relpath(p, consultation_folder).split(os.sep)) == 3 for p in found), found)

    # A sealed file altered on the platform's disk: each chunk is checked, fetched again, then the job fails
    # naming the file, and the platform shows why.
    victim = next(f for d in deposits if d.get("state") == "complet" for f in d["files"])
    stored = os.path.join(data_dir, "files", victim["sha256"][:2], victim["sha256"][2:])
    with open(stored, "r+b") as f:
        f.seek(chunk + 10)
        byte = f.read(1)
        f.seek(chunk + 10)
        f.write(bytes([byte[0] ^ 0xFF]))
    shutil.rmtree(consultation_folder)
    offer = api_json("POST", f"/api/consultations/{first['id']}/jobs", {"kind": "telechargement"}, admin)
    job_id = json.loads(base64.b64decode(offer["descriptor"]))["id"]
    session = Assistant()
    session.call("jobs.start", {"descriptor": offer["descriptor"], "signature": offer["signature"],
                                "jobToken": offer["token"]})
    job = wait_platform_job(admin, first["id"], job_id, lambda j: j["progress"]["state"] in ("termine", "echec"), 120)
    session.close()
    error = (job or {}).get("progress", {}).get("error") or ""
    check("a sealed file altered on the platform fails the job, naming the file",
          job and job["progress"]["state"] == "echec" and victim["name"] in error, job)
    left = [name for root, _, names in os.walk(consultation_folder) for name in names if not name.endswith(".part")
            and hashlib.sha256(open(os.path.join(root, name), "rb").read()).hexdigest() not in sealed]
    check("and no altered file is left looking complete in the plis folder", left == [], left)
    with open(stored, "r+b") as f:
        f.seek(chunk + 10)
        f.write(byte)

    # The second consultation: the assistant fetches only the headers, then is killed while the PIN dialog
    # is open, before it released any key.
    kill_assistant()
    hold = os.path.join(scratch, "pin-typed")
    start_assistant(environment=dict(assistant_env, SCEAU_FAKE_PIN_HOLD=hold))
    offer = api_json("POST", f"/api/consultations/{second['id']}/jobs", {"kind": "ouverture-en-ligne"}, admin)
    descriptor = json.loads(base64.b64decode(offer["descriptor"]))
    job_id = descriptor["id"]
    sealed_files = [f for p in descriptor["plis"] for e in p["envelopes"] for f in e["files"]]
    session = Assistant()
    answer = session.call("jobs.start", {"descriptor": offer["descriptor"], "signature": offer["signature"],
                                         "jobToken": offer["token"], "token": token_label})
    check("the assistant takes the second job", answer.get("result", {}).get("jobId") == job_id, answer)
    end = time.time() + 120
    asked = ""
    while time.time() < end:
        with open(assistant_env["SCEAU_FAKE_PIN_LOG"]) as f:
            asked = f.read().split(f"les plis de {second['reference']}", 1)
        if len(asked) == 2 and "GETPIN" in asked[1]:
            break
        time.sleep(0.2)
    check("the PIN is asked for the second consultation", len(asked) == 2 and "GETPIN" in asked[1])
    served = job_status(admin, second["id"], job_id)["bytesServed"]
    total = sum(f["size"] for f in sealed_files)
    check("the assistant fetched only each sealed file's header",
          0 < served <= len(sealed_files) * 16 * 1024 < total, (served, total))
    kill_assistant()
    session.close()
    deposits = api_json("GET", f"/api/consultations/{second['id']}/deposits", session=admin)
    states = [e.get("opening") for d in deposits if d.get("state") == "complet" for e in d.get("envelopes", [])]
    check("killed before releasing a key: every envelope is still Fermée", set(states) == {"fermee"}, states)
    with open(os.path.join(assistant_env["SCEAU_STATE_DIR"], "jobs", job_id, "job.json")) as f:
        credential = json.load(f)["credential"]["credential"]
    victim = sealed_files[0]
    forged = b"Offre modifiee : 1 euro."
    status, _, _ = api("POST", f"/api/jobs/{job_id}/files/{victim['id']}/plaintext",
                       {"name": "offre.bin", "size": len(forged), "sha256": hashlib.sha256(forged).hexdigest()},
                       bearer=credential)
    check("the job's credential cannot upload a plaintext any more", status == 404, status)
    status, _, body = api("POST", f"/api/jobs/{job_id}/files/{victim['id']}/key",
                          {"contentEncryptionKey": base64.b64encode(os.urandom(32)).decode()}, bearer=credential)
    check("a forged content key is refused", status == 400 and "ne déchiffre pas" in body.decode(), (status, body))
    deposits = api_json("GET", f"/api/consultations/{second['id']}/deposits", session=admin)
    states = [e.get("opening") for d in deposits if d.get("state") == "complet" for e in d.get("envelopes", [])]
    check("and the envelopes stay Fermée", set(states) == {"fermee"}, states)

    # Restarted, the daemon resumes the job: the PIN is asked again, the keys released, the job completes.
    start_assistant()
    job = wait_platform_job(admin, second["id"], job_id, lambda j: j["progress"]["state"] in ("termine", "echec"), 240)
    check("after a restart the job completes", job and job["progress"]["state"] == "termine", job)
    check("in all, only the headers were fetched", job and job["bytesServed"] <= 2 * len(sealed_files) * 16 * 1024,
          job and job["bytesServed"])
    print(f"crash test: {total} sealed bytes, {job and job['bytesServed']} served (headers only)")
    plaintext_checks(admin, second["id"], originals[second["id"]], "online opening after a kill")
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
