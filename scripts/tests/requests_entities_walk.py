#!/usr/bin/env python3
"""Headless Chromium checks that the citizens' requests are per public entity (issue 20, item 1), against a real
`sceau-platform serve` on a fresh SQLite data directory: the demo data (entity A, « Ville de Démonstration »,
whose administrator `admin` administers its requests) and a second entity B (« Ville d'Osny », made with
`sceau-platform entity create`, its administrator `osny` made an administrator of B's requests with
`sceau-platform request-admin`).

B's administrator creates a category and an online teleservice through the API. The front office at /demarches
still shows A's teleservices only (the existing address), /demarches?collectivite=B shows B's, where a citizen
files a request without an account. Signed in, A's administrator sees neither B's teleservice nor its request:
the pages and the JSON answer 404, the lists leave them out; B's administrator sees B's request, not A's
teleservice, renames a category and moves the teleservice to another (item 5), and creates a household
account at the counter (item 7; the activation mail is checked by CounterAccountTests, the walk has no SMTP).
Item 6: B's administrator opens the tracking tables filtered on a teleservice whose name is hostile markup: three
server-drawn SVG charts (role img, title, description, the name as text), the CSV link carrying the filter and
its CSV holding that teleservice only, the print style (filters hidden, charts kept), an end date before the
start refused beside its field, then unfiltered one month's bar stacking both teleservices; screenshots at
1280 and 360 px.
Usage: requests_entities_walk.py SCEAU_PLATFORM_BINARY WORKDIR
Prints "N passed, N failed" last.
"""
import json, os, re, shutil, subprocess, sys, tempfile, traceback, urllib.error, urllib.request
from http.cookiejar import CookieJar
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from walk_support import (Tally, axe_summary, chromium, click as click_and_wait, free_port, screenshot, visit,
                          wait_for_health)

binary, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="requests-entities-walk-", dir=workdir)
data_dir = os.path.join(scratch, "data")
demo_password = "sceau-demo"
osny_password = "walk password 2026"
tally = Tally()
check = tally.check

subprocess.run([binary, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
created = subprocess.run(
    [binary, "entity", "create", "--data-dir", data_dir, "--name", "Ville d'Osny", "--type", "grande-collectivite",
     "--admin-login", "osny", "--admin-email", "osny@example.invalid", "--admin-last-name", "Leroy",
     "--admin-first-name", "Marc"],
    check=True, capture_output=True, text=True, env={**os.environ, "SCEAU_ADMIN_PASSWORD": osny_password})
osny_entity = int(re.search(r"Entity (\d+)", created.stdout).group(1))
subprocess.run([binary, "request-admin", "--data-dir", data_dir, "osny"], check=True, capture_output=True)

port = free_port()
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", str(port)],
                          stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)


class Agent:
    """An agent's API session (cookie and CSRF token), for the set-up."""

    def __init__(self, login, password):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.csrf = None
        self.csrf = self.json("POST", "/api/session", {"login": login, "password": password})["csrfToken"]

    def json(self, method, path, body=None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
        with self.opener.open(request, timeout=60) as response:
            text = response.read().decode()
            return json.loads(text) if text else None


driver = None
try:
    wait_for_health(base)
    osny = Agent("osny", osny_password)
    category = osny.json("POST", "/api/demarches/categories", {"name": "Petite enfance"})
    teleservice = osny.json("POST", "/api/demarches/teleservices", {
        "categoryId": category["id"], "name": "Inscription en crèche", "online": True, "requiresAccount": False,
        "form": {"fields": []}, "requiredDocuments": []})
    creche = teleservice["id"]
    hostile_name = '<script>alert(1)</script> & "x"'
    hostile = osny.json("POST", "/api/demarches/teleservices", {
        "categoryId": category["id"], "name": hostile_name, "online": True, "requiresAccount": False,
        "form": {"fields": []}, "requiredDocuments": []})["id"]
    demo = Agent("admin", demo_password)
    school = next(t["id"] for t in demo.json("GET", "/api/demarches/teleservices")["teleservices"]
                  if t["name"] == "Inscription scolaire")

    driver, wait = chromium()
    reduced_motion = [{"name": "prefers-reduced-motion", "value": "reduce"}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": reduced_motion})

    def text():
        return driver.find_element(By.TAG_NAME, "body").text

    def status(path):
        """The status of a GET on `path` from the signed-in browser (pages and JSON alike)."""
        return driver.execute_script(
            "const r = await fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: arguments[1]}});"
            "return r.status;", path, "application/json" if path.startswith("/api/") else "text/html")

    def fetch_json(path):
        return driver.execute_script(
            "const r = await fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}});"
            "return [r.status, await r.text()];", path)

    # The front office: the demo entity's at the existing address, B's with ?collectivite=.
    visit(driver, wait, base + "/demarches")
    check("/demarches shows the demo entity's teleservices only",
          "Inscription scolaire" in text() and "Inscription en crèche" not in text(), text()[:400])
    visit(driver, wait, base + f"/demarches?collectivite={osny_entity}")
    check("/demarches?collectivite=B shows B's teleservices only",
          "Inscription en crèche" in text() and "Inscription scolaire" not in text(), text()[:400])
    screenshot(driver, "demarches-autre-collectivite")
    driver.find_element(
        By.XPATH, "//article[.//h3[normalize-space()='Inscription en crèche']]//a[contains(@class,'btn')]").click()
    wait.until(lambda d: d.find_elements(By.ID, "demandeur"))
    driver.find_element(By.ID, "demandeur").send_keys("Marc Petit")
    click_and_wait(driver, wait, "Déposer la demande")
    number = driver.find_element(By.CSS_SELECTOR, "strong.numero").text
    check("a citizen files a request with B's teleservice", bool(number), text()[:300])
    visit(driver, wait, base + f"/demarches/{hostile}")
    driver.find_element(By.ID, "demandeur").send_keys("Léa Martin")
    click_and_wait(driver, wait, "Déposer la demande")
    check("a citizen files a request with the hostile-named teleservice",
          bool(driver.find_elements(By.CSS_SELECTOR, "strong.numero")), text()[:300])
    requests_b = osny.json("GET", "/api/demarches/demandes")["requests"]
    request_b = next(r["id"] for r in requests_b if r["number"] == number)

    def sign_in(login, password):
        visit(driver, wait, base + "/connexion")
        driver.find_element(By.ID, "login").send_keys(login)
        driver.find_element(By.ID, "password").send_keys(password + Keys.ENTER)
        wait.until(lambda d: d.current_url.endswith("/espace-agent"))

    # Entity A's administrator: B's teleservice and request do not exist for them.
    sign_in("admin", demo_password)
    visit(driver, wait, base + "/espace-agent/demarches")
    check("A's task board does not list B's request", number not in text(), text()[:400])
    visit(driver, wait, base + "/espace-agent/demarches/gestion")
    check("A's management page lists A's teleservices, not B's",
          "Inscription scolaire" in text() and "Inscription en crèche" not in text()
          and "Petite enfance" not in text(), text()[:400])
    for path in (f"/espace-agent/demarches/{request_b}", f"/espace-agent/demarches/gestion/teleservices/{creche}",
                 f"/api/demarches/demandes/{request_b}", f"/api/demarches/teleservices/{creche}/saisons",
                 f"/espace-agent/demarches/gestion/categories/{category['id']}/droits"):
        answer = status(path)
        check(f"A's administrator gets 404 or 403 on B's {path}", answer in (403, 404), answer)
    listed, body = fetch_json("/api/demarches/teleservices")
    check("A's JSON list of teleservices leaves B's out",
          listed == 200 and "Inscription en crèche" not in body and "Inscription scolaire" in body, body[:300])
    listed, body = fetch_json("/api/demarches/demandes")
    check("A's JSON list of requests leaves B's out", listed == 200 and number not in body, body[:300])
    visit(driver, wait, base + "/espace-agent")
    click_and_wait(driver, wait, "Se déconnecter")

    # Entity B's administrator sees B's request, not A's teleservice.
    sign_in("osny", osny_password)
    visit(driver, wait, base + "/espace-agent/demarches")
    check("B's task board lists B's request", number in text(), text()[:400])
    screenshot(driver, "tableau-de-bord-autre-collectivite")
    for path in (f"/espace-agent/demarches/gestion/teleservices/{school}", f"/api/demarches/teleservices/{school}/saisons"):
        answer = status(path)
        check(f"B's administrator gets 404 or 403 on A's {path}", answer in (403, 404), answer)
    listed, body = fetch_json("/api/demarches/teleservices")
    check("B's JSON list of teleservices is B's", "Inscription scolaire" not in body and "Inscription en crèche" in body,
          body[:300])

    # Issue 20, item 6: the tracking tables with their charts, filtered on the hostile-named teleservice.
    visit(driver, wait, base + f"/espace-agent/demarches/suivi?teleservice={hostile}&etat=")
    charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart__svg[role='img']")
    check("the tracking page draws three charts, each an image with a title and a description",
          len(charts) == 3 and all(
              c.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent")
              and c.find_element(By.CSS_SELECTOR, "desc").get_attribute("textContent") for c in charts),
          len(charts))
    legend = [t.get_attribute("textContent")
              for t in driver.find_elements(By.CSS_SELECTOR, "#graphique-teleservices .chart__legend text")]
    check("the month chart names the teleservice as text, markup and all", legend == [hostile_name], legend)
    description = driver.find_element(By.CSS_SELECTOR, "#graphique-teleservices desc").get_attribute("textContent")
    check("the name stays text: no script element in the charts, the description spells it",
          hostile_name in description
          and not driver.execute_script("return document.querySelectorAll('main script, svg script').length"),
          description)
    states_table = driver.find_element(By.CSS_SELECTOR, "#etats table").text
    check("the filtered state table counts the one request", "En attente 1" in states_table, states_table)
    months_table = driver.find_element(By.CSS_SELECTOR, "#teleservices table").text
    check("the filter leaves the other teleservice out", "Inscription en crèche" not in months_table, months_table)
    csv_link = driver.find_element(By.CSS_SELECTOR, "#teleservices a[href*='teleservices.csv']").get_attribute("href")
    check("the CSV link carries the filter", csv_link.endswith(f"/suivi/teleservices.csv?teleservice={hostile}"),
          csv_link)
    csv_status, csv_text = driver.execute_script(
        "const r = await fetch(arguments[0], {credentials: 'same-origin'}); return [r.status, await r.text()];",
        csv_link)
    check("the CSV holds the filtered teleservice only",
          csv_status == 200 and '""x""' in csv_text and "crèche" not in csv_text, csv_text[:300])
    screenshot(driver, "suivi-graphiques")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": reduced_motion})
    check("printed, the filters are hidden and the charts kept",
          not driver.find_element(By.ID, "filtres").is_displayed() and all(c.is_displayed() for c in charts)
          and driver.find_element(By.CSS_SELECTOR, "p.print-only").is_displayed())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": reduced_motion})
    visit(driver, wait, base + "/espace-agent/demarches/suivi?du=2027-05-01&au=2027-04-01")
    refused = driver.find_elements(By.ID, "au-erreur")
    check("an end date before the start is refused beside the field",
          bool(refused) and "postérieure" in refused[0].text, text()[:400])
    screenshot(driver, "suivi-filtre-refuse")
    visit(driver, wait, base + "/espace-agent/demarches/suivi")
    legend = [t.get_attribute("textContent")
              for t in driver.find_elements(By.CSS_SELECTOR, "#graphique-teleservices .chart__legend text")]
    stacked = driver.find_elements(By.CSS_SELECTOR, "#graphique-teleservices .chart__bar rect")
    check("unfiltered, the month's bar stacks B's two teleservices, each in the legend",
          sorted(legend) == sorted([hostile_name, "Inscription en crèche"]) and len(stacked) == 2, legend)
    screenshot(driver, "suivi-deux-teleservices")

    def submit(xpath):
        """Clicks the button at `xpath` and waits for the next page."""
        driver.execute_script("document.documentElement.dataset.walk = 'left'")
        driver.find_element(By.XPATH, xpath).click()
        wait.until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && document.documentElement.dataset.walk === undefined"))

    # Issue 20, item 5: B's administrator renames a category and moves the teleservice to another one.
    culture = osny.json("POST", "/api/demarches/categories", {"name": "Culture"})["id"]
    visit(driver, wait, base + "/espace-agent/demarches/gestion")
    name_field = driver.find_element(By.ID, f"renommer-categorie-{category['id']}-nom")
    name_field.clear()
    name_field.send_keys("Enfance et familles")
    submit(f"//form[@id='renommer-categorie-{category['id']}']//button")
    heading = driver.find_element(By.ID, f"titre-categorie-{category['id']}").text
    check("« Renommer la catégorie » renames it", heading == "Enfance et familles", heading)
    Select(driver.find_element(By.ID, f"deplacer-{creche}")).select_by_visible_text("Culture")
    submit(f"//form[@action='/espace-agent/demarches/gestion/teleservices/{creche}/categorie']//button")
    moved = driver.find_element(By.ID, f"categorie-{culture}").text
    check("« Déplacer » moves the teleservice to the other category", "Inscription en crèche" in moved, moved)
    check("B's request follows its teleservice", any(
        r["number"] == number for r in osny.json("GET", f"/api/demarches/demandes?categorie={culture}")["requests"]))
    screenshot(driver, "gestion-categories")

    # Issue 20, item 7: B's administrator creates a household account at the counter.
    visit(driver, wait, base + "/espace-agent/demarches/guichet/compte-foyer")
    Select(driver.find_element(By.ID, "civilite")).select_by_visible_text("Mme")
    for field, value in (("nom", "Petit"), ("prenom", "Zoé"), ("email", "zoe.petit@example.invalid"),
                         ("adresse", "4 rue de la Gare, 95520 Osny")):
        driver.find_element(By.ID, field).send_keys(value)
    driver.find_element(By.ID, "membres").send_keys("M. ; Hugo ; Petit ; enfant ; 2019-03-02")
    submit("//form[@id='nouveau-compte-foyer']//button[@type='submit']")
    created = driver.find_element(By.ID, "compte-cree").text
    check("the counter creates the household account", "Compte foyer n°" in created, created)
    screenshot(driver, "compte-foyer-guichet")
    submit("//div[@id='compte-cree']//a")
    check("the account has its members and is valid", "Hugo" in text() and "Zoé" in text() and "Valide" in text(),
          text()[:600])
except Exception as error:  # a broken walk is one failure, reported with its cause
    tally.failed += 1
    print(f"FAIL the walk stopped: {error!r}")
    traceback.print_exc()
finally:
    if driver is not None:
        driver.quit()
    server.terminate()
    server.wait(timeout=30)

if not tally.failed:
    shutil.rmtree(scratch, ignore_errors=True)  # kept after a failure, with serve.log, to read
print(axe_summary())
print(tally.summary())
sys.exit(1 if tally.failed else 0)
