#!/usr/bin/env python3
"""Headless Chromium walks the companies' side of the platform against a real `sceau-platform serve`.

The demo data puts DEMO_2026_001 online; its DCE is attached through the agents' API. In the browser a
company registers with the form, finds the consultation with the search, opens its page and downloads the
DCE; `sceau-assistant deposit` seals and deposits its response; the company's space then shows the deposit
and the agents' registers list the company's DCE download and deposit; an incident of the platform recorded on the
deposit is listed on the company space.
Usage: bidder_walk.py SCEAU_BIN_DIR WORKDIR
Prints "N passed, N failed" last.
"""
import json, os, shutil, sqlite3, subprocess, sys, tempfile, time, traceback, urllib.request
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from walk_support import (Tally, axe_summary, chromium, click as click_and_wait, free_port, screenshot, visit,
                          wait_for_health)

bin_dir, workdir = sys.argv[1], sys.argv[2]
platform, assistant = os.path.join(bin_dir, "sceau-platform"), os.path.join(bin_dir, "sceau-assistant")
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="bidder-walk-", dir=workdir)
data_dir = os.path.join(scratch, "data")
password = "walk password 2026"
tally = Tally()
check = tally.check


def api(method, path, body=None, session=None, content_type="application/json"):
    """Calls the platform's API; `session` is (cookie, csrf). Returns (status, headers, bytes)."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    if session:
        request.add_header("Cookie", session[0])
        request.add_header("X-CSRF-Token", session[1])
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


port = free_port()
base = f"http://127.0.0.1:{port}"
subprocess.run([platform, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
server = subprocess.Popen([platform, "serve", "--data-dir", data_dir, "--port", str(port)],
                          stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)
driver = None
try:
    wait_for_health(base)

    # The buyer attaches a DCE to the demo consultation (an empty ZIP archive is a ZIP archive).
    status, headers, body = api("POST", "/api/session", {"login": "admin", "password": "sceau-demo"})
    admin = (headers["Set-Cookie"].split(";")[0], json.loads(body)["csrfToken"])
    consultations = json.loads(api("GET", "/api/consultations", session=admin)[2])
    items = consultations if isinstance(consultations, list) else consultations.get("consultations", [])
    demo = next(c for c in items if c["reference"] == "DEMO_2026_001")
    zip_bytes = b"PK\x05\x06" + bytes(18)
    status, _, _ = api("PUT", f"/api/consultations/{demo['id']}/dce", zip_bytes, admin, "application/zip")
    check("the buyer attaches the DCE", status == 200, status)

    driver, wait = chromium()
    # The stylesheet scrolls smoothly unless reduced motion is asked: a click would land before the scroll ends.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})

    def click(text):
        click_and_wait(driver, wait, text)

    visit(driver, wait, base + "/entreprise")
    check("the company space asks to sign in", driver.current_url.endswith("/entreprise/connexion"), driver.current_url)
    click("Inscrire votre entreprise")
    for field, value in (("name", "Menuiserie Martin"), ("siret", "732 829 320 00074"),
                         ("address", "3 rue des Artisans, 69001 Lyon"), ("lastName", "Martin"),
                         ("firstName", "Louise"), ("email", "louise@menuiserie-martin.invalid"),
                         ("login", "menuiserie-martin"), ("password", password)):
        driver.find_element(By.ID, field).send_keys(value)
    Select(driver.find_element(By.ID, "civility")).select_by_visible_text("Mme")
    click("Créer le compte")
    check("the company registers and lands in its space",
          driver.current_url.endswith("/entreprise") and "Menuiserie Martin" in driver.page_source, driver.current_url)
    check("the company has no deposit yet", "Aucun dépôt" in driver.page_source)

    click("Rechercher une consultation")
    driver.find_element(By.ID, "q").send_keys("DEMO_2026")
    click("Rechercher")
    check("the search finds the demo consultation", "DEMO_2026_001" in driver.page_source)
    click("DEMO_2026_001")
    check("the consultation page shows its deadline",
          "Date limite de remise des plis" in driver.page_source and "heure de Paris" in driver.page_source)
    screenshot(driver, "depot-entreprise")
    link = driver.find_element(By.CLASS_NAME, "dce").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(link, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        check("the company downloads the DCE", response.read() == zip_bytes)

    # The response is sealed and deposited by the assistant, as the consultation page tells.
    check("the page gives the deposit command", "sceau-assistant deposit" in driver.page_source)
    files = []
    for name, text in (("DC1.pdf", b"%PDF-1.7 candidature"), ("Offre.pdf", os.urandom(3 << 20))):
        path = os.path.join(scratch, name)
        with open(path, "wb") as f:
            f.write(text)
        files.append(path)
    environment = dict(os.environ, SCEAU_PLATFORM_LOGIN="menuiserie-martin", SCEAU_PLATFORM_PASSWORD=password,
                       XDG_STATE_HOME=os.path.join(scratch, "state"))
    deposit = subprocess.run([assistant, "deposit", "--platform", base, "--consultation", "DEMO_2026_001",
                              "--envelope", f"candidature={files[0]}", "--envelope", f"offre={files[1]}", "--json"],
                             env=environment, capture_output=True, text=True, timeout=300)
    check("sceau-assistant deposit succeeds", deposit.returncode == 0, deposit.stderr[-500:])
    receipt = json.loads(deposit.stdout)["receipt"] if deposit.returncode == 0 else {}
    check("the receipt names the company and both files",
          receipt.get("companyName") == "Menuiserie Martin" and len(receipt.get("files", [])) == 2, receipt)

    visit(driver, wait, base + "/entreprise")
    check("the company space shows the deposit", "Déposé" in driver.page_source and "DEMO_2026_001" in driver.page_source)
    downloads = json.loads(api("GET", f"/api/consultations/{demo['id']}/downloads", session=admin)[2])
    check("the registre des retraits names the company",
          any(d.get("companyName") == "Menuiserie Martin" for d in downloads), downloads)
    register = json.loads(api("GET", f"/api/consultations/{demo['id']}/deposits", session=admin)[2])
    check("the registre des dépôts holds the complete deposit",
          [d["state"] for d in register if d["companyName"] == "Menuiserie Martin"] == ["complet"], register)

    # A fault of the platform during the deposit, as DepositIncidentMiddleware records it (the row written here
    # stands in for a real fault, which the cluster fault test makes): the company space lists it.
    with sqlite3.connect(os.path.join(data_dir, "sceau.sqlite")) as database:
        database.execute("INSERT INTO deposit_incidents (deposit_id, recorded_at, node, action, error) "
                         "VALUES (?, ?, 'noeud-1', 'Envoi du morceau 2 du fichier 2', ?)",
                         (receipt.get("depositId", 0), int(time.time()),
                          "Base de données : <b>connexion refusée</b>"))
    tally.audited.discard("/entreprise")
    visit(driver, wait, base + "/entreprise")
    rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.incidents tbody tr")]
    check("the company space lists the platform's incident, its error as text",
          len(rows) == 1 and "noeud-1" in rows[0] and "<b>connexion refusée</b>" in rows[0], rows)
    screenshot(driver, "incidents-depot")
except Exception:
    tally.failed += 1
    traceback.print_exc()
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait(timeout=10)
    if tally.failed == 0:
        shutil.rmtree(scratch, ignore_errors=True)
print(axe_summary())
print(tally.summary())
