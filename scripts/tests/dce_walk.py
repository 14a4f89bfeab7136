#!/usr/bin/env python3
"""Headless Chromium walks the DCE and the questions of a consultation against a real `sceau-platform serve`.

The demo buyer creates a consultation (through the API), then in the browser uploads its DCE (a ZIP) and its
« Règlement de consultation » on the « DCE » tab, and publishes it (validation); the demo company withdraws part
of the DCE (two files chosen inside the ZIP, checked with Python's zipfile), a visitor withdraws it whole,
anonymously; the company asks a question, the buyer answers it on the « Questions » tab; the registre des
retraits and the registre des questions show all of it, and the company reads the answer on the page; the
« Statistiques » page (reached from the agent space) counts them, as its CSV and the API do.
Then contracts and their essential data: a second consultation, validated through the API with its deadline 25
seconds ahead, is opened and awarded (« Attribution ») once past it; in the browser the buyer follows « Contrats et
données essentielles » from its « Décisions » tab, records the contract (a SIRET with a wrong key is refused beside
its field first), publishes its essential data and records a modification; « Suivi des contrats » lists it;
`decp.json` (checked against docs/openapi.yaml's DECPMarche) and `decp.xml` (parsed back) hold it, and the public
page « Données essentielles », reached from the menu, finds it by titulaire.
Usage: dce_walk.py SCEAU_PLATFORM WORKDIR
Prints "N passed, N failed" last.
"""
import io, json, os, shutil, subprocess, sys, tempfile, time, traceback, urllib.request, zipfile
import datetime, zoneinfo
import xml.etree.ElementTree as ElementTree
from selenium.webdriver.common.by import By

from walk_support import (Tally, axe_summary, chromium, click as click_and_wait, free_port, screenshot, visit,
                          wait_for_health)

platform, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="dce-walk-", dir=workdir)
data_dir = os.path.join(scratch, "data")
tally = Tally()
check = tally.check
REFERENCE = "AOO_DCE_WALK"


def api(method, path, body=None, session=None, content_type="application/json", cookie=None):
    """Calls the platform; `session` is (cookie, csrf). Returns (status, headers, bytes)."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    if session:
        request.add_header("Cookie", session[0])
        request.add_header("X-CSRF-Token", session[1])
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def write(name, data):
    path = os.path.join(scratch, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


port = free_port()
base = f"http://127.0.0.1:{port}"
subprocess.run([platform, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
server = subprocess.Popen([platform, "serve", "--data-dir", data_dir, "--port", str(port)],
                          stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)
driver = None
try:
    wait_for_health(base)
    status, headers, body = api("POST", "/api/session", {"login": "admin", "password": "sceau-demo"})
    admin = (headers["Set-Cookie"].split(";")[0], json.loads(body)["csrfToken"])
    items = json.loads(api("GET", "/api/consultations", session=admin)[2])
    demo = next(c for c in items if c["reference"] == "DEMO_2026_001")
    draft = {key: demo[key] for key in ("organisationId", "contractType", "procedureType", "category",
                                        "placeOfExecution", "modalities")}
    draft.update(reference=REFERENCE, title="Entretien des espaces verts", object="Tonte et taille, deux lots", cpv="45112710-5",
                 deadline=int(time.time()) + 30 * 86400, onlineFrom=int(time.time()) - 60)
    status, _, body = api("POST", "/api/consultations", draft, admin)
    check("the buyer creates the consultation", status == 201, body[:300])
    consultation_id = json.loads(body)["id"]
    # The consultation that will be awarded: online now, its deadline 25 seconds ahead (submitted and validated
    # at once); opened and decided at the end of the walk, once past it.
    award_deadline = int(time.time()) + 25
    award_draft = dict(draft, reference="AOO_CONTRAT_WALK", title="Aménagement des cours d'école",
                       object="Aménagement des cours d'école", deadline=award_deadline)
    status, _, body = api("POST", "/api/consultations", award_draft, admin)
    check("the buyer creates the consultation to award", status == 201, body[:300])
    award_id = json.loads(body)["id"]
    for step in ("submit", "validate"):
        status, _, body = api("POST", f"/api/consultations/{award_id}/{step}", {}, admin)
        check(f"the consultation to award: {step}", status == 200, body[:300])

    dce = io.BytesIO()
    with zipfile.ZipFile(dce, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("CCTP.pdf", b"%PDF-1.7 cahier des clauses techniques" * 50)
        archive.writestr("Plans/plan-masse.pdf", b"%PDF-1.7 plan" * 80)
        archive.writestr("BPU.csv", "Désignation;Prix\nTonte;\n".encode())
    dce_path = write("DCE_espaces_verts.zip", dce.getvalue())
    rc_path = write("Règlement de consultation.pdf", b"%PDF-1.7 reglement de la consultation")

    driver, wait = chromium()

    def click(text):
        click_and_wait(driver, wait, text)

    def tab(panel):
        driver.find_element(By.CSS_SELECTOR, f"a.tabs__tab[href='#{panel}']").click()
        wait.until(lambda d: d.find_element(By.ID, panel).is_displayed())

    def upload(kind, path):
        """Chooses the file of `kind` on the « DCE » tab and sends it; the page reloads on the tab."""
        driver.execute_script("document.documentElement.dataset.walk = 'left'")
        driver.find_element(By.ID, f"fichier-{kind}").send_keys(path)
        driver.find_element(By.CSS_SELECTOR, f"button[data-envoyer='{kind}']").click()
        wait.until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && document.documentElement.dataset.walk === undefined"))

    # The buyer: DCE and règlement on the « DCE » tab, then validation (publication).
    visit(driver, wait, base + "/connexion")
    driver.find_element(By.ID, "login").send_keys("admin")
    driver.find_element(By.ID, "password").send_keys("sceau-demo")
    driver.find_element(By.XPATH, "//button[normalize-space()='Se connecter']").click()
    wait.until(lambda d: d.current_url.endswith("/espace-agent"))
    agent_page = f"{base}/consultations/{consultation_id}"
    visit(driver, wait, agent_page)
    tab("dce")
    check("the DCE tab states the size limit", "Taille maximale de chaque fichier" in driver.page_source)
    upload("dce", dce_path)
    tab("dce")
    check("the DCE is online in version 1", "DCE_espaces_verts.zip" in driver.find_element(By.ID, "dce").text)
    upload("reglement", rc_path)
    tab("dce")
    text = driver.find_element(By.ID, "dce").text
    check("the règlement de consultation is online", "Règlement de consultation.pdf" in text, text[:400])
    upload("reglement", rc_path)
    tab("dce")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.versions-documents tbody tr")
    check("replacing the règlement keeps both versions in the history", len(rows) == 3, [r.text for r in rows])
    screenshot(driver, "dce-onglet-agent")
    bad = write("bombe.zip", b"not a zip at all")
    driver.find_element(By.ID, "fichier-dce").send_keys(bad)
    driver.find_element(By.CSS_SELECTOR, "button[data-envoyer='dce']").click()
    wait.until(lambda d: "ZIP" in d.find_element(By.ID, "message-documents").text)
    check("a file that is not a ZIP is refused with its reason",
          "archive ZIP" in driver.find_element(By.ID, "message-documents").text)
    click("Demander la validation")
    click("Valider")
    check("validated, the consultation is online", driver.find_element(By.ID, "etat").text == "Consultation")

    # A company (the demo one) withdraws two files of the DCE.
    driver.delete_all_cookies()
    visit(driver, wait, base + "/entreprise/connexion")
    driver.find_element(By.NAME, "login").send_keys("entreprise-demo")
    driver.find_element(By.NAME, "password").send_keys("sceau-demo")
    driver.find_element(By.XPATH, "//button[@type='submit']").click()
    wait.until(lambda d: "/connexion" not in d.current_url)
    visit(driver, wait, f"{base}/consultations-publiques/{REFERENCE}")
    check("the page offers the règlement and the DCE",
          "Télécharger : Règlement de consultation" in driver.page_source
          and "Télécharger le dossier de consultation (DCE)" in driver.page_source)
    driver.find_element(By.CSS_SELECTOR, "details.dce-partiel summary").click()
    labels = [label.text for label in driver.find_elements(By.CSS_SELECTOR, "details.dce-partiel label")]
    check("the files inside the DCE are listed", any("Plans/plan-masse.pdf" in label for label in labels), labels)
    for name in ("CCTP.pdf", "BPU.csv"):
        driver.find_element(By.XPATH, f"//details//label[starts-with(normalize-space(), '{name}')]").click()
    screenshot(driver, "dce-entreprise")
    query = driver.execute_script(
        "const f = document.querySelector('details.dce-partiel form');"
        "return f.getAttribute('action') + '?' + new URLSearchParams(new FormData(f)).toString();")
    company_cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    status, headers, body = api("GET", query, cookie=company_cookie)
    partial = zipfile.ZipFile(io.BytesIO(body)) if status == 200 else None
    check("the partial DCE holds the two chosen files", partial is not None
          and sorted(partial.namelist()) == ["BPU.csv", "CCTP.pdf"], (status, body[:200]))
    check("and they read back intact (CRC checked)", partial is not None and partial.testzip() is None
          and partial.read("BPU.csv") == "Désignation;Prix\nTonte;\n".encode())

    # Another withdraws the whole DCE anonymously.
    status, _, body = api("GET", f"/api/public/consultations/{REFERENCE}/dce")
    check("an anonymous visitor withdraws the whole DCE", status == 200 and body == dce.getvalue(), status)

    # The company asks a question.
    driver.find_element(By.ID, "question").send_keys("Les déchets verts sont-ils évacués par le titulaire ?")
    click("Poser la question")
    check("the company sees its question awaiting an answer",
          "Vos questions" in driver.page_source and "En attente de réponse" in driver.page_source)

    # The buyer answers; the registers show the withdrawals and the question.
    driver.delete_all_cookies()
    visit(driver, wait, base + "/connexion")
    driver.find_element(By.ID, "login").send_keys("admin")
    driver.find_element(By.ID, "password").send_keys("sceau-demo")
    driver.find_element(By.XPATH, "//button[normalize-space()='Se connecter']").click()
    wait.until(lambda d: d.current_url.endswith("/espace-agent"))
    visit(driver, wait, agent_page)
    tab("questions")
    registre = driver.find_element(By.ID, "questions").text
    check("the registre des questions names the asking company",
          "déchets verts" in registre and "Entreprise de Démonstration" in registre, registre[:400])
    driver.find_element(By.ID, driver.find_element(By.CSS_SELECTOR, "#questions textarea").get_attribute("id")) \
        .send_keys("Oui, ils sont évacués et valorisés par le titulaire.")
    click("Publier la réponse n° 1")
    tab("questions")
    check("the answer is published", "Réponse publiée le" in driver.find_element(By.ID, "questions").text)
    screenshot(driver, "questions-agent")
    tab("dce")
    withdrawals = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.registre-retraits tbody tr")]
    check("the registre des retraits shows the partial withdrawal with its files",
          any("DCE (partiel)" in row and "CCTP.pdf" in row for row in withdrawals), withdrawals)
    check("and the anonymous one", any("Anonyme" in row and "DCE complet" in row for row in withdrawals), withdrawals)
    status, _, body = api("GET", f"/api/consultations/{consultation_id}/registres/questions.csv", session=admin)
    check("the registre des questions exports as CSV", status == 200 and "déchets verts" in body.decode(), status)

    # « Statistiques »: the agent space links to it; the year's figures agree with the API and the CSV.
    visit(driver, wait, base + "/espace-agent")
    driver.find_element(By.CSS_SELECTOR, "a[href='/espace-agent/statistiques']").click()
    wait.until(lambda d: d.current_url.endswith("/espace-agent/statistiques")
               and d.execute_script("return document.readyState === 'complete'"))
    visit(driver, wait, driver.current_url)  # audited by axe
    year = time.strftime("%Y")
    figures = json.loads(api("GET", f"/api/statistics?du={year}-01-01&au={year}-12-31", session=admin)[2])
    total = figures["total"]
    check("the year's figures count the walk's withdrawals, question and publication",
          total["dceDownloads"] >= 2 and total["questions"] >= 1 and total["published"] >= 1, total)
    shown = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#par-procedure tfoot td")]
    check("the page's total is the API's", shown == [str(total[key]) for key in (
        "consultations", "published", "completeDeposits", "dceDownloads", "questions")], (shown, total))
    mine = next(line for line in figures["byProcedure"] if line["key"] == draft["procedureType"])
    row = driver.find_element(By.XPATH, f'//table[@id="par-procedure"]//tr[th[normalize-space()="{mine["label"]}"]]')
    check("the walk's procedure type has its line", row.find_elements(By.TAG_NAME, "td")[3].text
          == str(mine["figures"]["dceDownloads"]), row.text)
    check("the page offers printing and the CSV export", "data-print" in driver.page_source
          and "statistiques.csv?du=" in driver.page_source)
    screenshot(driver, "statistiques")
    status, headers, body = api("GET", f"/espace-agent/statistiques.csv?du={year}-01-01&au={year}-12-31", session=admin)
    check("the CSV export holds the same total", status == 200 and body.decode("utf-8-sig").rstrip().endswith(
        ";Total;Total;" + ";".join(shown)), body[-200:])
    visit(driver, wait, f"{base}/espace-agent/statistiques?du={year}-12-31&au={year}-01-01")
    check("inverted dates are refused beside the field",
          "inversez les dates" in driver.find_element(By.ID, "au-erreur").text)

    # The company reads the answer on the page, without anyone named.
    status, _, body = api("GET", f"/consultations-publiques/{REFERENCE}", cookie=company_cookie)
    page = body.decode()
    check("the company that withdrew the DCE reads the published answer",
          "Réponses publiées" in page and "valorisés par le titulaire" in page, status)
    status, _, body = api("GET", f"/consultations-publiques/{REFERENCE}")
    check("an anonymous visitor reads no answer", status == 200 and "valorisés" not in body.decode(), status)
    published = page.split('class="stack reponses-publiees"')[-1].split("</ol>")[0]
    check("the published answer does not name the asking company",
          "valorisés" in published and "Démonstration" not in published, published[:300])
    driver.delete_all_cookies()
    visit(driver, wait, f"{base}/consultations-publiques/{REFERENCE}")
    check("the visitor is told the download is recorded as anonymous", "comme anonyme" in driver.page_source)

    # Contracts and their essential data: the consultation to award is opened and awarded through the API.
    time.sleep(max(0, award_deadline + 1 - time.time()))
    status, _, body = api("POST", f"/api/consultations/{award_id}/open", {}, admin)
    check("past its deadline, the consultation to award is opened", status == 200, body[:300])
    status, _, body = api("POST", f"/api/consultations/{award_id}/decide",
                          {"decisions": [{"kind": "attribution", "comment": "Offre économiquement la plus avantageuse"}]},
                          admin)
    check("it is awarded (« Attribution »)", status == 200, body[:300])
    visit(driver, wait, base + "/connexion")
    driver.find_element(By.ID, "login").send_keys("admin")
    driver.find_element(By.ID, "password").send_keys("sceau-demo")
    driver.find_element(By.XPATH, "//button[normalize-space()='Se connecter']").click()
    wait.until(lambda d: d.current_url.endswith("/espace-agent"))
    visit(driver, wait, f"{base}/consultations/{award_id}")
    tab("decisions")
    click("Contrats et données essentielles")
    check("the decision step leads to the consultation's contracts",
          driver.current_url.endswith(f"/consultations/{award_id}/contrats"), driver.current_url)
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y")

    def fill(field, value):
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)

    check("the form starts from the consultation's object and the agent as contact",
          driver.find_element(By.ID, "objet").get_attribute("value") == "Aménagement des cours d'école"
          and driver.find_element(By.ID, "contact-email").get_attribute("value") != "")
    for field, value in (("acheteur-siret", "21590350100017"), ("titulaire1-nom", "Paysages du Nord SARL"),
                         ("titulaire1-siret", "73282932000075"), ("montant", "48 500,00"), ("duree", "12"),
                         ("offres", "2"), ("date-notification", today), ("date-debut", today),
                         ("lieu-code", "59350")):
        fill(field, value)
    screenshot(driver, "contrats-saisie")
    click("Enregistrer le contrat")
    error = driver.find_elements(By.ID, "titulaire1-siret-erreur")
    check("a SIRET with a wrong key is refused beside its field",
          error and "clé de contrôle" in error[0].text, driver.find_element(By.TAG_NAME, "main").text[:400])
    check("what was typed is kept", driver.find_element(By.ID, "titulaire1-nom").get_attribute("value")
          == "Paysages du Nord SARL")
    screenshot(driver, "contrats-saisie-erreur")
    fill("titulaire1-siret", "73282932000074")
    click("Enregistrer le contrat")
    title = driver.find_element(By.TAG_NAME, "h1").text
    check("the contract is recorded, its data to publish", title.startswith("Contrat ")
          and driver.find_element(By.ID, "etat-contrat").text == "Données à publier", title)
    number = title.removeprefix("Contrat ")
    click("Publier les données essentielles")
    check("its essential data are published", driver.find_element(By.ID, "etat-contrat").text == "Publié")
    fill("modif-objet", "Ajout de bancs et de jardinières")
    fill("modif-montant", "52 000")
    fill("modif-signature", today)
    click("Enregistrer la modification")
    check("the modification is recorded after the initial data", "Modification n° 1" in driver.page_source
          and "48\u202f500,00 €" in driver.page_source, driver.find_element(By.ID, "modifications").text[:300])
    screenshot(driver, "contrat")
    driver.find_element(By.CSS_SELECTOR, "nav.main-nav a[href='/espace-agent/contrats']").click()
    wait.until(lambda d: d.current_url.endswith("/espace-agent/contrats")
               and d.execute_script("return document.readyState === 'complete'"))
    visit(driver, wait, driver.current_url)  # audited by axe
    rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.contrats tbody tr")]
    check("« Suivi des contrats » lists the contract, published with its modification",
          any(number in row and "Publié, 1 modification" in row for row in rows), rows)
    screenshot(driver, "suivi-des-contrats")

    status, headers, body = api("GET", "/donnees-essentielles/decp.json")
    records = json.loads(body)["marches"]["marche"] if status == 200 else []
    record = next((r for r in records if r["id"] == number), None)
    check("decp.json holds the contract", record is not None and record["montant"] == 48500
          and record["titulaires"] == [{"titulaire": {"typeIdentifiant": "SIRET", "id": "73282932000074"}}]
          and record["modifications"][0]["modification"]["montant"] == 52000, record)
    try:
        import jsonschema, yaml
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "openapi.yaml")) as f:
            schemas = yaml.safe_load(f)["components"]["schemas"]
        for item in records:
            jsonschema.validate(item, schemas["DECPMarche"])
        check("every record matches the documented DECP schema", True)
    except ImportError:
        print("info jsonschema or yaml missing: schema not checked")
    except Exception as error:
        check("every record matches the documented DECP schema", False, repr(error)[:400])
    status, headers, body = api("GET", "/donnees-essentielles/decp.xml")
    root = ElementTree.fromstring(body)
    ids = [element.text for element in root.findall("./marche/id")]
    check("decp.xml parses back and holds the contract", status == 200 and root.tag == "marches" and number in ids,
          ids)

    driver.delete_all_cookies()
    visit(driver, wait, base + "/")
    driver.find_element(By.CSS_SELECTOR, "nav.main-nav a[href='/donnees-essentielles']").click()
    wait.until(lambda d: d.current_url.endswith("/donnees-essentielles")
               and d.execute_script("return document.readyState === 'complete'"))
    fill("titulaire", "paysages du nord")
    click("Rechercher")
    rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.marches-conclus tbody tr")]
    check("« Données essentielles » finds the contract by titulaire", any(number in row for row in rows), rows)
    screenshot(driver, "donnees-essentielles")
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
