#!/usr/bin/env python3
"""Headless Chromium walks the « messagerie sécurisée » and the « Tableau de bord » against a real
`sceau-platform serve` with the demo data.

The demo buyer ticks « réponse électronique reçue » in « Mon compte » > « Mes alertes électroniques »; the demo
company deposits a response to DEMO_2026_001 with `sceau-assistant deposit` and the buyer's alert reaches the
walk's mail sink (reference, title, link, nothing of the pli). In the browser the demo buyer opens the consultation's « Messagerie » tab, writes a « Notification de rejet » to the company with a
file attached, and sees it « Non lu »; the company signs in, finds it in its « Messagerie », reads it and
downloads the file; the buyer then sees the reading's time (« accusé de réception »). On the « Tableau de
bord », the search by reference and by intitulé, the favourites (automatic for the author, ★ marked by
another agent) and the registers' counters and CSV links work, and a wrong date is refused beside its field.
Usage: messaging_walk.py SCEAU_BIN_DIR WORKDIR
Prints "N passed, N failed" last.
"""
import json, os, shutil, subprocess, sys, tempfile, traceback, urllib.request
from selenium.webdriver.common.by import By

from walk_support import (MailSink, Tally, audit, axe_summary, chromium, click as click_and_wait, free_port,
                          screenshot, visit, wait_for_health)

bin_dir, workdir = sys.argv[1], sys.argv[2]
platform, assistant = os.path.join(bin_dir, "sceau-platform"), os.path.join(bin_dir, "sceau-assistant")
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="messaging-walk-", dir=workdir)
data_dir = os.path.join(scratch, "data")
demo_password = "sceau-demo"
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


def sign_in_api(path, login, password):
    status, headers, body = api("POST", path, {"login": login, "password": password})
    if status != 200:
        raise RuntimeError(f"sign-in of {login}: {status} {body[:200]!r}")
    return headers["Set-Cookie"].split(";")[0], json.loads(body)["csrfToken"]


port = free_port()
base = f"http://127.0.0.1:{port}"
subprocess.run([platform, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
sink = MailSink()
server = subprocess.Popen([platform, "serve", "--data-dir", data_dir, "--port", str(port),
                           "--smtp", f"127.0.0.1:{sink.port}", "--public-url", base],
                          stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)
driver = None
try:
    wait_for_health(base)
    admin = sign_in_api("/api/session", "admin", demo_password)
    consultations = json.loads(api("GET", "/api/consultations", session=admin)[2])
    demo = next(c for c in consultations if c["reference"] == "DEMO_2026_001")
    consultation_id, city = demo["id"], demo["organisationId"]

    # A second agent of the city, PRM, for the favourites he marks himself.
    status, _, body = api("POST", f"/api/organisations/{city}/agents", {
        "civility": "Mme", "lastName": "Favori", "firstName": "Claire", "email": "claire@ville-demo.invalid",
        "login": "walk-prm", "password": "walk password 2026"}, admin)
    prm_id = json.loads(body)["id"] if status == 201 else 0
    status, _, _ = api("PUT", f"/api/agents/{prm_id}/roles/{city}", {"roles": ["prm"]}, admin)
    check("a second agent, PRM, is created", status == 204, status)

    driver, wait = chromium()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})

    def click(text):
        click_and_wait(driver, wait, text)

    def submit(element):
        """Clicks a button found otherwise than by its text, and waits for the next page (audited)."""
        driver.execute_script("document.documentElement.dataset.walk = 'left'")
        element.click()
        wait.until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && document.documentElement.dataset.walk !== 'left'"))
        audit(driver)

    def sign_in_agent(login, password):
        visit(driver, wait, base + "/connexion")
        driver.find_element(By.ID, "login").send_keys(login)
        driver.find_element(By.ID, "password").send_keys(password)
        submit(driver.find_element(By.XPATH, "//button[normalize-space()='Se connecter']"))

    def open_tab(panel):
        driver.find_element(By.CSS_SELECTOR, f"a.tabs__tab[href='#{panel}']").click()
        wait.until(lambda d: d.find_element(By.ID, panel).is_displayed())

    # The buyer (author of DEMO_2026_001) chooses the alert « réponse électronique reçue » on « Mon compte ».
    sign_in_agent("admin", demo_password)
    visit(driver, wait, base + "/espace-agent/mon-compte")
    check("Mon compte offers « Mes alertes électroniques », none ticked",
          "Mes alertes électroniques" in driver.page_source
          and not driver.find_elements(By.CSS_SELECTOR, "input[name='alerte']:checked"))
    driver.find_element(By.CSS_SELECTOR, "input[name='alerte'][value='consultation.reponse-recue']").click()
    click("Enregistrer mes alertes")
    check("the choice is saved and shown ticked",
          "Vos alertes électroniques ont été enregistrées." in driver.page_source
          and [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name='alerte']:checked")]
          == ["consultation.reponse-recue"])
    screenshot(driver, "mon-compte-alertes")
    click("Se déconnecter")

    # The demo company deposits its response through the assistant (the recipients are those who deposited).
    files = []
    for name, text in (("DC1.pdf", b"%PDF-1.7 candidature"), ("Offre.pdf", b"%PDF-1.7 offre")):
        path = os.path.join(scratch, name)
        with open(path, "wb") as f:
            f.write(text)
        files.append(path)
    environment = dict(os.environ, SCEAU_PLATFORM_LOGIN="entreprise-demo", SCEAU_PLATFORM_PASSWORD=demo_password,
                       XDG_STATE_HOME=os.path.join(scratch, "state"))
    deposit = subprocess.run([assistant, "deposit", "--platform", base, "--consultation", "DEMO_2026_001",
                              "--envelope", f"candidature={files[0]}", "--envelope", f"offre={files[1]}", "--json"],
                             env=environment, capture_output=True, text=True, timeout=300)
    check("the demo company deposits its response", deposit.returncode == 0, deposit.stderr[-500:])
    alerts = [(subject, body) for subject, body in sink.to("admin@ville-demo.invalid")
              if subject == "Réponse électronique reçue — consultation DEMO_2026_001"]
    check("the buyer's alert « réponse électronique reçue » reached the mail sink", len(alerts) == 1,
          sink.messages)
    check("the alert gives the reference, the title and the link, nothing of the pli",
          alerts and f"{base}/consultations/{consultation_id}" in alerts[0][1]
          and "Offre.pdf" not in alerts[0][1] and "DEMO_2026_001" in alerts[0][1], alerts)

    # The buyer writes a « Notification de rejet » from the consultation.
    sign_in_agent("admin", demo_password)
    visit(driver, wait, f"{base}/consultations/{consultation_id}")
    open_tab("messagerie")
    check("the consultation has a Messagerie tab, empty at first", "Aucun courrier échangé" in driver.page_source)
    click("Notification de rejet")
    check("Nouveau message proposes the company that deposited",
          "Entreprise de Démonstration" in driver.page_source and "a déposé une réponse" in driver.page_source)
    check("the rejection letter is prefilled",
          driver.find_element(By.ID, "objet").get_attribute("value") == "Courrier de rejet"
          and "n'a pas été retenue" in driver.find_element(By.ID, "corps").get_attribute("value"))
    check("the attachments' size limit is stated", "20 Mio" in driver.page_source, driver.page_source[-400:])
    driver.find_element(By.CSS_SELECTOR, "input[name='destinataire']").click()
    attachment = os.path.join(scratch, "courrier-rejet.pdf")
    with open(attachment, "wb") as f:
        f.write(b"%PDF-1.7 courrier de rejet")
    driver.find_element(By.ID, "fichier-piece").send_keys(attachment)
    driver.find_element(By.XPATH, "//button[normalize-space()='Joindre ce fichier']").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pieces input[name='piece']"))
    check("the file is joined before sending", "courrier-rejet.pdf" in driver.find_element(By.ID, "pieces").text)
    screenshot(driver, "messagerie-nouveau-message")
    click("Envoyer le courrier")
    open_tab("messagerie")
    check("the exchange is listed, not read yet",
          "Courrier de rejet" in driver.page_source and "Non lu" in driver.find_element(By.ID, "messagerie").text)
    screenshot(driver, "messagerie-consultation")

    # The company reads it in its space (the agent signs out first: one person, one session at a time).
    visit(driver, wait, base + "/espace-agent")
    click_and_wait(driver, wait, "Se déconnecter")
    visit(driver, wait, base + "/entreprise/connexion")
    driver.find_element(By.NAME, "login").send_keys("entreprise-demo")
    driver.find_element(By.NAME, "password").send_keys(demo_password)
    submit(driver.find_element(By.XPATH, "//main//button[@type='submit']"))
    visit(driver, wait, base + "/entreprise/messages")
    check("the company's Messagerie shows one unread letter", "1 courrier non lu" in driver.page_source)
    screenshot(driver, "messagerie-entreprise")
    click("Courrier de rejet")
    check("the company reads the letter with its context",
          "n'a pas été retenue" in driver.page_source
          and "Consultation concernée par cet échange" in driver.page_source)
    link = driver.find_element(By.LINK_TEXT, "courrier-rejet.pdf").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookie}), timeout=10) as response:
        check("the company downloads the attached file", response.read() == b"%PDF-1.7 courrier de rejet")
    screenshot(driver, "messagerie-courrier-entreprise")

    # The buyer sees the reading's time.
    messages = json.loads(api("GET", f"/api/consultations/{consultation_id}/messages", session=admin)[2])
    check("the API gives the reading's time", len(messages) == 1 and messages[0].get("readAt"), messages)
    visit(driver, wait, base + "/entreprise")
    click_and_wait(driver, wait, "Se déconnecter")
    sign_in_agent("admin", demo_password)
    visit(driver, wait, f"{base}/consultations/{consultation_id}")
    open_tab("messagerie")
    check("the buyer sees « Lu le … »", "Lu le " in driver.find_element(By.ID, "messagerie").text)
    click("Courrier de rejet")
    check("the letter's page shows the accusé de réception",
          driver.find_element(By.ID, "etat-lecture").text.startswith("Lu le "),
          driver.find_element(By.ID, "etat-lecture").text)
    screenshot(driver, "messagerie-accuse-de-reception")

    # The « Tableau de bord »: counters, automatic favourite, search.
    visit(driver, wait, base + "/consultations")
    board = driver.page_source
    check("the board counts the deposit and the message",
          "Dépôts : 1" in board and "Messages : 1" in board, board[-600:])
    check("the board links the registers' CSV exports",
          f"/api/consultations/{consultation_id}/registres/messages.csv" in board
          and f"/api/consultations/{consultation_id}/registres/depots.csv" in board)
    check("the author's consultation is an automatic favourite", "Favori automatique" in board)
    screenshot(driver, "tableau-de-bord")
    driver.find_element(By.CSS_SELECTOR, "details.recherche-consultations summary").click()
    driver.find_element(By.ID, "reference").send_keys("demo_2026")
    click("Rechercher")
    check("the search by reference finds the consultation", ">DEMO_2026_001</a>" in driver.page_source)
    field = driver.find_element(By.ID, "reference")
    field.clear()
    driver.find_element(By.ID, "texte").send_keys("piscine")
    click("Rechercher")
    check("a search matching nothing says so", "Aucune consultation ne correspond" in driver.page_source)
    visit(driver, wait, base + "/consultations?texte=toiture+mairie&favoris=1")
    check("the search by intitulé among the favourites finds it", ">DEMO_2026_001</a>" in driver.page_source)
    visit(driver, wait, base + "/consultations?limiteDu=31/02/2026")
    check("a wrong date is refused beside the field",
          "jj/mm/aaaa" in driver.find_element(By.ID, "dates-erreur").text)
    click("Se déconnecter")

    # Another agent marks it ★, finds it among his favourites, then unmarks it.
    sign_in_agent("walk-prm", "walk password 2026")
    visit(driver, wait, base + "/consultations?favoris=1")
    check("the other agent has no favourite yet", "Aucune consultation ne correspond" in driver.page_source)
    visit(driver, wait, base + "/consultations")
    submit(driver.find_element(By.CSS_SELECTOR, "button.favori-bouton"))
    check("the ★ is marked", "Retirer des favoris : DEMO_2026_001" in driver.page_source)
    visit(driver, wait, base + "/consultations?favoris=1")
    check("the marked consultation is among the favourites", ">DEMO_2026_001</a>" in driver.page_source)
    screenshot(driver, "tableau-de-bord-favoris")
    submit(driver.find_element(By.CSS_SELECTOR, "button.favori-bouton"))
    check("unmarked, it leaves the favourites", "Aucune consultation ne correspond" in driver.page_source,
          driver.current_url)
except Exception:
    tally.failed += 1
    traceback.print_exc()
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait(timeout=10)
    sink.close()
    if tally.failed == 0:
        shutil.rmtree(scratch, ignore_errors=True)
print(axe_summary())
print(tally.summary())
