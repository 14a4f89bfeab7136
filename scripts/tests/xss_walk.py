#!/usr/bin/env python3
"""XSS sweep: script payloads stored in every free-text field that reaches a page, through the pages' forms and
through the JSON API where one exists, then every page that shows them opened in headless Chromium.

A real `sceau-platform serve` on a fresh SQLite data directory with the demo data, plus a second entity made by
`sceau-platform entity create` with a payload in its name. The payloads:
  <script>window.__xss=1</script>      "><img src=x onerror="window.__xss=1">      '><svg onload=window.__xss=1>
are stored, each behind a marker naming the field, in: entity and service names (command line, page, API),
an entity's address, an encryption key's name, agents' names (page, API), consultations' title, object,
internal comment, place of execution and lot (page, API) and transition comments (page, API), companies'
names, addresses and bidders' names (page, API), a deposit's file names (sceau-assistant), teleservice labels
(management page, API), a required document's name, parameter list labels, request field values (citizen's
form, agent's page, API), the requester's names of a request filed without account, the filing note, notes
(agent's page, API, citizen's page), transition notes (API), letter templates (name and text) and the
message of a contact, household members' names.
Each page is checked: `window.__xss` undefined; no `img[onerror]`, `svg[onload]` or other `on…` attribute of a
payload, no injected `script` element; each stored value visible as text (or as the value of a form field);
the answer's Content-Security-Policy without 'unsafe-inline' in script-src and with frame-ancestors 'none'
(read with urllib); and axe-core through walk_support.
Not reachable by a page yet, so not checked there: a deposit's file names (shown to agents only once an
envelope is opened online, which needs the assistant and a token: remote_jobs_walk.py), the parameter list
labels on the citizen's form of a teleservice whose season is closed (the school registration's form is
checked instead).
Usage: xss_walk.py SCEAU_BIN_DIR WORKDIR
Prints "N passed, N failed" last.
"""
import datetime, html.parser, http.cookiejar, json, os, re, shutil, subprocess, sys, tempfile, time, traceback
import urllib.error, urllib.parse, urllib.request
import zoneinfo
from selenium.webdriver.common.by import By

from walk_support import Tally, axe_summary, chromium, free_port, visit, wait_for_health

bin_dir, workdir = sys.argv[1], sys.argv[2]
platform, assistant = os.path.join(bin_dir, "sceau-platform"), os.path.join(bin_dir, "sceau-assistant")
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="xss-walk-", dir=workdir)
data_dir = os.path.join(scratch, "data")
password = "walk password 2026"
tally = Tally()
check = tally.check

PAYLOADS = ("<script>window.__xss=1</script>", '"><img src=x onerror="window.__xss=1">',
            "'><svg onload=window.__xss=1>")


def value(marker, index):
    """The stored text: a marker saying which field, then one of the payloads."""
    return f"{marker} {PAYLOADS[index % 3]}"


class Client:
    """One session on the platform: cookies kept, redirects not followed, the CSRF token sent when known."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.csrf = None

        class Keep(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), Keep)

    def send(self, method, path, body=None, form=None, content_type=None, headers=None):
        """Returns (status, headers, text)."""
        data = None
        request_headers = dict(headers or {})
        if form is not None:
            pairs = list(form.items()) if isinstance(form, dict) else list(form)
            if self.csrf:
                pairs.append(("_csrf", self.csrf))
            data = urllib.parse.urlencode(pairs).encode()
            request_headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            request_headers["Content-Type"] = content_type or "application/json"
            if self.csrf:
                request_headers["X-CSRF-Token"] = self.csrf
        request = urllib.request.Request(base + path, data=data, method=method, headers=request_headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def json(self, method, path, body=None):
        status, _, text = self.send(method, path, body=body if body is not None else ({} if method != "GET" else None))
        if status >= 300:
            raise RuntimeError(f"{method} {path}: {status} {text[:400]}")
        return json.loads(text) if text else None

    def form(self, path, fields, expect=(200, 302, 303)):
        status, headers, text = self.send("POST", path, form=fields)
        if status not in expect:
            alert = re.search(r'role="alert"[^>]*>(.*?)</', text, re.S)
            raise RuntimeError(f"POST {path}: {status} {alert.group(1) if alert else text[:600]}")
        return status, headers.get("Location"), text

    def cookies(self):
        return [(c.name, c.value) for c in self.jar]


def agent_session(login, secret):
    client = Client()
    status, _, text = client.send("POST", "/api/session", body={"login": login, "password": secret})
    if status != 200:
        raise RuntimeError(f"session {login}: {status} {text[:300]}")
    client.csrf = json.loads(text)["csrfToken"]
    return client


def page_csrf(client, path):
    """The `_csrf` of a signed-in page's forms."""
    _, _, text = client.send("GET", path)
    found = re.search(r'name="_csrf"\s+value="([^"]+)"', text) or re.search(r'value="([^"]+)"\s+name="_csrf"', text)
    if not found:
        raise RuntimeError(f"no _csrf on {path}: {text[:300]}")
    return found.group(1)


class Options(html.parser.HTMLParser):
    """The options of the page's `<select name=…>`: {name: [(value, text)]}."""

    def __init__(self, text):
        super().__init__()
        self.selects, self.current, self.option = {}, None, None
        self.feed(text)

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "select":
            self.current = attributes.get("name")
            self.selects.setdefault(self.current, [])
        elif tag == "option" and self.current:
            self.option = [attributes.get("value", ""), ""]
            self.selects[self.current].append(self.option)

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.current = None
        if tag == "option":
            self.option = None


def certificate(name):
    key, cert = os.path.join(scratch, f"{name}.key"), os.path.join(scratch, f"{name}.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "30", "-subj", f"/CN={name}",
                    "-addext", "keyUsage=critical,keyAgreement"], check=True, capture_output=True)
    with open(cert) as f:
        return f.read()


# MARK: the page checks

INSPECT = """
const payloads = arguments[0];
const handlers = [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
    a => a.name.startsWith('on') && a.value.includes('__xss')));
const scripts = [...document.scripts].filter(s => s.textContent.includes('__xss'));
return {xss: typeof window.__xss, imgs: document.querySelectorAll('img[onerror]').length,
        svgs: document.querySelectorAll('svg[onload]').length, handlers: handlers.length, scripts: scripts.length};
"""

SHOWN = """
const wanted = arguments[0];
const texts = [document.body.innerText, document.body.textContent, document.title];  // tabs hide panels
for (const e of document.querySelectorAll('input, textarea')) texts.push(e.value);
for (const e of document.querySelectorAll('option')) texts.push(e.textContent);
const all = texts.join('\\n');
return wanted.filter(t => !all.includes(t));
"""


def headers_check(client, path):
    """The answer's headers, and its HTML holding no payload as written (each is escaped)."""
    status, headers, text = client.send("GET", path)
    check(f"{path}: the HTML holds every payload escaped", not [p for p in PAYLOADS if p in text],
          [p for p in PAYLOADS if p in text])
    policy = headers.get("Content-Security-Policy") or ""
    directives = {d.strip().split(" ")[0]: d.strip() for d in policy.split(";") if d.strip()}
    script_src = directives.get("script-src", directives.get("default-src", ""))
    check(f"{path}: CSP without 'unsafe-inline' for scripts and with frame-ancestors 'none'",
          status < 400 and policy and "'unsafe-inline'" not in script_src
          and directives.get("frame-ancestors") == "frame-ancestors 'none'", (status, policy))


def inspect(client, path, shown, label=None):
    """Opens `path` in Chromium with the client's session and checks it (see the module's doc)."""
    label = label or path
    driver.delete_all_cookies()
    for name, cookie in client.cookies() if client else []:
        driver.add_cookie({"name": name, "value": cookie, "path": "/"})
    visit(driver, wait, base + path)
    found = driver.execute_script(INSPECT, list(PAYLOADS))
    check(f"{label}: no payload runs (window.__xss undefined)", found["xss"] == "undefined", found)
    check(f"{label}: no injected element or handler", found["imgs"] == found["svgs"] == found["handlers"]
          == found["scripts"] == 0, found)
    missing = driver.execute_script(SHOWN, list(shown))
    check(f"{label}: the {len(shown)} stored values read as text", not missing, missing)
    if missing or found["xss"] != "undefined":  # kept beside serve.log, to read
        with open(os.path.join(scratch, re.sub(r"[^a-z0-9]+", "-", path) + ".html"), "w") as f:
            f.write(driver.page_source)
    headers_check(client or Client(), path)


port = free_port()
base = f"http://127.0.0.1:{port}"
subprocess.run([platform, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
entity_name = value("Entité", 0)
subprocess.run([platform, "entity", "create", "--data-dir", data_dir, "--name", entity_name,
                "--type", "grande-collectivite", "--admin-login", "xss-admin", "--admin-email",
                "xss-admin@example.invalid", "--admin-last-name", value("Admin", 1), "--admin-first-name",
                value("Alice", 2)], env=dict(os.environ, SCEAU_ADMIN_PASSWORD=password), check=True,
               capture_output=True)
server = subprocess.Popen([platform, "serve", "--data-dir", data_dir, "--port", str(port)],
                          stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)
driver = None
try:
    wait_for_health(base)
    admin = agent_session("admin", "sceau-demo")

    # MARK: administration: entities, services, agents, keys
    tree = admin.json("GET", "/api/organisations")
    city = tree["id"]
    purchasing = next(c for c in tree.get("services", []) if "commande publique" in c["name"])["id"]
    city_name, city_address = value("Ville", 1), value("Mairie", 2)
    admin.form(f"/espace-agent/organisations/{city}", {"name": city_name, "address": city_address,
                                                       "phone": "01 23 45 67 89", "fax": ""})
    purchasing_name = value("Direction API", 2)
    admin.json("PATCH", f"/api/organisations/{purchasing}", {"name": purchasing_name})
    service_page, service_api = value("Service page", 0), value("Service API", 1)
    admin.form(f"/espace-agent/organisations/{city}/services", {"name": service_page, "type": "moyenne-collectivite"})
    admin.json("POST", f"/api/organisations/{city}/services", {"name": service_api, "type": "petite-collectivite"})
    key_name = value("Clé", 2)
    admin.form(f"/espace-agent/organisations/{city}/keys",
               {"name": key_name, "kind": "personnelle", "certificate": certificate("xss-cle")})
    agent_page = (value("Nom page", 1), value("Prénom page", 2))
    admin.form(f"/espace-agent/organisations/{city}/agents",
               {"civility": "Mme", "lastName": agent_page[0], "firstName": agent_page[1],
                "email": "xss-page@example.invalid", "login": "xss-page", "password": password})
    agent_api = (value("Nom API", 0), value("Prénom API", 1))
    admin.json("POST", f"/api/organisations/{city}/agents",
               {"civility": "M.", "lastName": agent_api[0], "firstName": agent_api[1],
                "email": "xss-api@example.invalid", "login": "xss-api", "password": password})
    organisations = admin.json("GET", "/api/organisations")
    services = {c["name"]: c["id"] for c in organisations.get("services", [])}
    check("the names are stored as typed", {service_page, service_api, purchasing_name} <= set(services)
          and organisations["name"] == city_name, organisations)

    # MARK: consultations, through the page's form and the API
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    now = datetime.datetime.now(paris).replace(second=0, microsecond=0)
    page_fields = {"title": value("Titre page", 0), "object": value("Objet page", 1),
                   "internalComment": value("Commentaire page", 2), "placeOfExecution": value("Lieu page", 0),
                   "lots": value("Lot page", 1) + "\n" + value("Second lot page", 2)}
    status, location, text = admin.form("/consultations/nouvelle", {
        "mode": "standard", "organisationId": str(city), "reference": "XSS_PAGE_01", "contractType": "marche-public",
        "procedureType": "appel-d-offres-ouvert", "category": "travaux", "cpv": "45212222",
        "deadline": (now + datetime.timedelta(days=14)).strftime("%d/%m/%Y %H:%M"),
        "onlineFrom": (now - datetime.timedelta(hours=1)).strftime("%d/%m/%Y %H:%M"),
        "electronicResponse": "autorisee", "signature": "non-requise", "openingMode": "par-dossier",
        "encryption": "1", "envelopeOffer": "1", **page_fields}, expect=(303, 302))
    page_consultation = int(location.rstrip("/").split("/")[-1])
    submit_comment = value("Demande page", 2)
    admin.form(f"/consultations/{page_consultation}/demander-validation", {"comment": submit_comment})
    validate_comment = value("Validation API", 0)
    admin.json("POST", f"/api/consultations/{page_consultation}/validate", {"comment": validate_comment})
    api_fields = {"title": value("Titre API", 1), "object": value("Objet API", 2),
                  "internalComment": value("Commentaire API", 0), "placeOfExecution": value("Lieu API", 1)}
    api_lot = value("Lot API", 2)
    # Its plis, with the company's name, are listed to the agents once the deadline is past: soon.
    api_deadline = int(time.time()) + 90
    api_consultation = admin.json("POST", "/api/consultations", {
        "organisationId": city, "reference": "XSS_API_01", "contractType": "marche-public",
        "procedureType": "appel-d-offres-ouvert", "category": "travaux", "cpv": "45210000-2",
        "deadline": api_deadline, "onlineFrom": int(time.time()) - 60,
        "modalities": {"electronicResponse": "autorisee", "signature": "non-requise", "encryption": True,
                       "envelopes": ["offre"], "openingMode": "par-dossier", "displayedAfterDeadline": True},
        "lots": [{"number": 1, "title": api_lot}, {"number": 2, "title": value("Second lot API", 0)}],
        **api_fields})
    api_submit = value("Demande API", 1)
    admin.json("POST", f"/api/consultations/{api_consultation['id']}/submit", {"comment": api_submit})
    api_validate = value("Validation page", 2)
    admin.form(f"/consultations/{api_consultation['id']}/valider", {"comment": api_validate})

    # MARK: companies, through the page's form and the API, and a deposit by the assistant
    company = Client()
    company_page = {"name": value("Entreprise page", 0), "address": value("Adresse page", 1),
                    "lastName": value("Nom entreprise", 2)}
    company.form("/entreprise/inscription", {
        "siret": "732 829 320 00074", "firstName": "Louise", "civility": "Mme",
        "email": "louise@xss.invalid", "login": "xss-entreprise", "password": password, **company_page},
        expect=(302, 303))
    company_api = {"name": value("Entreprise API", 1), "address": value("Adresse API", 2)}
    status, _, text = Client().send("POST", "/api/entreprises", body={
        "siret": "55208131766522", **company_api,
        "bidder": {"civility": "M.", "lastName": value("Nom soumissionnaire", 0), "firstName": "Marc",
                   "email": "marc@xss.invalid", "login": "xss-entreprise-api", "password": password}})
    check("the company is registered through the API", status == 201, (status, text[:300]))
    files = []
    for index in (1, 2):  # the first payload has a "/", which no file name holds
        path = os.path.join(scratch, f"offre {PAYLOADS[index]}.pdf")
        with open(path, "wb") as f:
            f.write(b"%PDF-1.4 offre " + os.urandom(64))
        files.append(path)
    deposit = subprocess.run(
        [assistant, "deposit", "--platform", base, "--consultation", "XSS_API_01", "--state-dir",
         os.path.join(scratch, "deposit-state"), "--envelope", f"offre={files[0]}", "--envelope", f"offre={files[1]}",
         "--json"], env=dict(os.environ, SCEAU_PLATFORM_LOGIN="xss-entreprise", SCEAU_PLATFORM_PASSWORD=password,
                             XDG_STATE_HOME=os.path.join(scratch, "state")), capture_output=True, text=True,
        timeout=300)
    check("the assistant deposits files whose names hold payloads", deposit.returncode == 0, deposit.stderr[-400:])

    # MARK: teleservices: labels through the API and the management page
    teleservices = admin.json("GET", "/api/demarches/teleservices")["teleservices"]
    birth = next(t for t in teleservices if not t["requiresAccount"])
    school = next(t for t in teleservices if t["requiresAccount"])
    birth_labels = [value("Nom de naissance", 0), value("Prénoms", 1), value("Date de naissance", 2)]
    for field, label in zip(birth["form"]["fields"], birth_labels):
        field["label"] = label
    admin.json("PUT", f"/api/demarches/teleservices/{birth['id']}", birth)
    status, _, text = admin.send("PUT", f"/api/demarches/teleservices/{birth['id']}", body=dict(
        birth, form={"fields": birth["form"]["fields"] + [{"key": 'x"><img src=x onerror=alert(1)>',
                                                          "label": "Clé", "kind": "text", "required": False}]}))
    check("a field key outside the rule is refused by the API", status == 400 and "clé de champ" in text,
          (status, text[:200]))
    management = f"/espace-agent/demarches/gestion/teleservices/{school['id']}"
    list_label = value("Régime", 2)
    admin.form(f"{management}/parametres", {"nom": "Régimes", "presentation": "drop-down",
                                             "valeurs": f"std ; {list_label}"})
    school_labels = [value("École", 0), value("Classe", 1), value("Régime alimentaire", 2)]
    admin.form(f"{management}/formulaire", {"champs": "\n".join([
        f"ecole ; {school_labels[0]} ; texte ; obligatoire", f"classe ; {school_labels[1]} ; texte ; obligatoire",
        f"regime ; {school_labels[2]} ; liste:Régimes ; facultatif"])})
    document_name = value("Pièce", 0)
    admin.form(f"{management}/pieces", {"piece": document_name})
    status, _, text = admin.send("POST", f"{management}/formulaire", form={
        "champs": 'x"><img src=x onerror=alert(1)> ; Clé ; texte'})
    check("a field key outside the rule is refused by the management page", status == 400, status)

    # MARK: the citizen: account, members, a request, a note; a request filed without account
    citizen = Client()
    citizen_names = {"lastName": value("Roussel", 1), "address": value("Allée", 2)}
    citizen.form("/citoyen/inscription", {"civility": "Mme", "firstName": "Nadia", "email": "nadia@xss.invalid",
                                          "password": password, **citizen_names}, expect=(200,))
    citizen.form("/citoyen/connexion", {"email": "nadia@xss.invalid", "password": password}, expect=(302, 303))
    citizen.csrf = page_csrf(citizen, "/citoyen")
    member = (value("Enfant", 0), value("Léo", 2))
    citizen.form("/citoyen/membres", {"civility": "M.", "role": "child", "lastName": member[0],
                                      "firstName": member[1], "birthDate": "2018-05-01"}, expect=(302, 303))
    _, _, space = citizen.send("GET", "/citoyen")
    member_id = max((int(n) for n in re.findall(r'href="/citoyen/membres/(\d+)"', space)), default=None)
    data = {"champ.nomNaissance": value("Valeur nom", 1), "champ.prenoms": value("Valeur prénoms", 2),
            "champ.dateNaissance": "2000-01-01", "note": value("Note de dépôt", 0)}
    _, _, filed = citizen.form(f"/demarches/{birth['id']}", data)
    number = re.search(r"\d{4}-\d{6}", filed)
    check("the citizen files a request with payloads", number is not None, filed[:400])
    anonymous_names = {"demandeur": value("Demandeur", 2), "concerne": value("Concerné", 0)}
    _, _, filed_anonymous = Client().form(f"/demarches/{birth['id']}", {
        "champ.nomNaissance": "Martin", "champ.prenoms": "Paul", "champ.dateNaissance": "2001-02-03",
        **anonymous_names})
    anonymous_number = re.search(r"\d{4}-\d{6}", filed_anonymous)
    check("a request is filed without account with payloads in the names", anonymous_number is not None,
          filed_anonymous[:400])
    requests = admin.json("GET", "/api/demarches/demandes")["requests"]
    request_id = next(r["id"] for r in requests if number and r["number"] == number.group(0))
    anonymous_id = next(r["id"] for r in requests if anonymous_number and r["number"] == anonymous_number.group(0))
    citizen_note = value("Message du citoyen", 1)
    citizen.form(f"/citoyen/demandes/{request_id}/note", {"texte": citizen_note}, expect=(200, 302, 303))

    # MARK: the agent: notes, a transition, field edits, a letter template and a contact
    admin.json("POST", f"/api/demarches/demandes/{request_id}/verrou")
    public_note = value("Note usager API", 2)
    admin.json("POST", f"/api/demarches/demandes/{request_id}/notes", {"kind": "public", "text": public_note})
    transition_note = value("Transition API", 0)
    admin.json("POST", f"/api/demarches/demandes/{request_id}/transitions",
               {"state": "in-progress", "note": transition_note})
    internal_note = value("Note interne page", 1)
    root = "/espace-agent/demarches"
    admin.form(f"{root}/{request_id}/notes", {"type": "internal", "texte": internal_note})
    page_public_note = value("Note usager page", 0)
    admin.form(f"{root}/{request_id}/notes", {"type": "public", "texte": page_public_note})
    edited_page = value("Édité page", 2)
    admin.form(f"{root}/{request_id}/champ", {"cle": "prenoms", "valeur": edited_page})
    edited_api = value("Édité API", 1)
    admin.json("PUT", f"/api/demarches/demandes/{request_id}/champs/nomNaissance", {"values": [edited_api]})
    template = (value("Modèle", 0), value("Corps du modèle", 2))
    admin.form(f"{root}/modeles", {"nom": template[0], "texte": template[1] + "\n${observation}"})
    _, _, contact_page = admin.send("GET", f"{root}/{request_id}/contacter")
    options = Options(contact_page).selects
    template_id = next(v for v, t in options.get("modele", []) if template[0] in t)
    channel = next(v for v, t in options.get("moyen", []) if "mail" in t.lower())  # the citizen reads it
    message = value("Message de l'agent", 1)
    _, _, letter = admin.form(f"{root}/{request_id}/contacter",
                              {"modele": template_id, "moyen": channel, "message": message})
    household = admin.json("GET", "/api/demarches/foyers")["households"]
    household_id = next(h["id"] for h in household if "nadia@xss.invalid" in json.dumps(h))

    # MARK: every page that shows them, in Chromium
    driver, wait = chromium()
    visit(driver, wait, base + "/health")  # the origin, for its cookies
    xss_admin = agent_session("xss-admin", password)
    page_agent = agent_session("xss-page", password)
    public_values = [page_fields["title"], page_fields["object"], page_fields["placeOfExecution"]]
    inspect(admin, "/espace-agent", [city_name])
    inspect(admin, f"/espace-agent/organisations/{city}",
            [city_name, city_address, service_page, service_api, purchasing_name, key_name, *agent_page,
             *agent_api])
    inspect(admin, f"/espace-agent/organisations/{services[service_page]}", [service_page, city_name])
    inspect(page_agent, "/espace-agent", [agent_page[1]], "/espace-agent (the agent made by the page)")
    inspect(xss_admin, "/espace-agent/organisations/" + str(xss_admin.json("GET", "/api/organisations")["id"]),
            [entity_name, value("Admin", 1), value("Alice", 2)], "the entity made by the command line")
    inspect(admin, "/consultations", [page_fields["title"], api_fields["title"]])
    inspect(admin, f"/consultations/{page_consultation}",
            [*page_fields["lots"].split("\n"), *(v for k, v in page_fields.items() if k != "lots"), submit_comment,
             validate_comment])
    inspect(admin, "/consultations/nouvelle", [city_name, service_page, service_api])
    inspect(company, "/entreprise", [company_page["name"], api_fields["title"]])
    inspect(company, "/consultations-publiques?q=XSS", [page_fields["title"], api_fields["title"]])
    inspect(company, "/consultations-publiques/XSS_PAGE_01", public_values)
    inspect(company, "/consultations-publiques/XSS_API_01",
            [api_fields["title"], api_fields["object"], api_fields["placeOfExecution"]])
    inspect(None, "/demarches", [])
    inspect(None, f"/demarches/{birth['id']}", birth_labels)
    inspect(citizen, f"/demarches/{school['id']}", [*school_labels, list_label, document_name])
    inspect(citizen, "/citoyen", [*member, citizen_names["lastName"]])
    check("the citizen's space links to the member's page", member_id is not None, space[:300])
    if member_id:
        inspect(citizen, f"/citoyen/membres/{member_id}", list(member))
    inspect(citizen, f"/citoyen/demandes/{request_id}",
            [*birth_labels[:2], edited_api, edited_page, public_note, page_public_note, citizen_note, template[1],
             message])
    inspect(admin, root, [value("Roussel", 1), anonymous_names["demandeur"]])
    inspect(admin, f"{root}/{request_id}",
            [*birth_labels, edited_api, edited_page, public_note, page_public_note, internal_note, transition_note,
             citizen_note, data["note"], message, citizen_names["lastName"]])
    inspect(admin, f"{root}/{anonymous_id}", [*anonymous_names.values()])
    inspect(admin, f"{root}/{request_id}/contacter", [template[0]])
    inspect(admin, f"{root}/modeles", [template[0]])
    inspect(admin, f"{root}/modeles/{template_id}", [template[0], template[1]])
    inspect(admin, f"{root}/foyers/{household_id}", [*member, citizen_names["lastName"], citizen_names["address"]])
    inspect(admin, f"{root}/gestion/teleservices/{school['id']}", [*school_labels, list_label, document_name])
    inspect(admin, f"{root}/gestion/teleservices/{birth['id']}", birth_labels)
    inspect(admin, f"{root}/recherche?demandeur=Roussel", [citizen_names["lastName"]])
    time.sleep(max(0, api_deadline - time.time()) + 1)
    admin.json("POST", f"/api/consultations/{api_consultation['id']}/open")
    inspect(admin, f"/consultations/{api_consultation['id']}",
            [*api_fields.values(), api_lot, api_submit, api_validate, company_page["name"]])
    check("the letter written holds the template's text and the message escaped",
          not [p for p in PAYLOADS if p in letter], letter[:300])
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
