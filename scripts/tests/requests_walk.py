#!/usr/bin/env python3
"""Headless Chromium walks a citizen's request from the front office to the back office and back, against a
real `sceau-platform serve` on a fresh SQLite data directory with the demo data (`sceau-platform demo-data`).

A new citizen creates a household account at /citoyen/inscription, is told of the confirmation e-mail, signs in, adds a generated
PDF proof of address from the form of the demo's school registration, and files it. The agent `admin`
signs in at /connexion, finds the request under "Nouvelles demandes", opens it (locked for them), downloads
the proof (the bytes equal the citizen's), validates the document and the data, moves the request through
"En cours", "Complète" and "Validée", contacts the citizen with the demo template and a message by e-mail,
and adds a public note. At the counter, the agent then files a second registration for the household with
the proof from its space and a paper joined by file. The citizen's request page shows the state, the
validated proof with the agent's comment, the letter sent by e-mail and the public note; the agent's
history shows the exchange.
Payment (issue 20, item 9; `serve --payment-provider test`): the citizen files the demo's paying teleservice,
sees its amount, goes to the test provider's page, refuses, tries again and accepts; the page shows
« Validé ». The agent finds both attempts in « Rechercher paiement » (and by state), their history on the
request's page, and the teleservice's « Paiement » settings.
Usage: requests_walk.py SCEAU_PLATFORM_BINARY WORKDIR
Prints "N passed, N failed" last.
"""
import base64, os, shutil, subprocess, sys, tempfile, traceback
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from walk_support import (Tally, axe_summary, chromium, click as click_and_wait, free_port, screenshot, visit,
                          wait_for_health)

binary, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="requests-walk-", dir=workdir)
data_dir = os.path.join(scratch, "data")
demo_password = "sceau-demo"
citizen_email = "nadia.roussel@example.invalid"
citizen_password = "walk password 2026"
proof_name = "justificatif-domicile.pdf"
proof = (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
         b"% Justificatif de domicile de Nadia Roussel, walk\n" + os.urandom(16).hex().encode() + b"\n%%EOF\n")
tally = Tally()
check = tally.check

port = free_port()
base = f"http://127.0.0.1:{port}"
subprocess.run([binary, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
server = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", str(port), "--payment-provider", "test"],
                          stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)
driver = None
try:
    wait_for_health(base)
    driver, wait = chromium()
    # Reduced motion: with the stylesheet's smooth scrolling, a click lands before the page has scrolled to it.
    reduced_motion = [{"name": "prefers-reduced-motion", "value": "reduce"}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": reduced_motion})

    def click(text):
        """Clicks the button or link named `text` and waits for the next page to replace this one."""
        click_and_wait(driver, wait, text)

    def submit(xpath):
        """Clicks the button at `xpath` and waits for the next page."""
        driver.execute_script("document.documentElement.dataset.walk = 'left'")
        driver.find_element(By.XPATH, xpath).click()
        wait.until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && document.documentElement.dataset.walk === undefined"))

    def text():
        return driver.find_element(By.TAG_NAME, "body").text

    # A new citizen creates their household account, signs out, and signs in again.
    visit(driver, wait, base + "/citoyen/inscription")
    Select(driver.find_element(By.ID, "civility")).select_by_visible_text("Mme")
    for field, value in (("lastName", "Roussel"), ("firstName", "Nadia"), ("address", "8 allée des Tilleuls, 75012 Paris"),
                         ("email", citizen_email), ("password", citizen_password)):
        driver.find_element(By.ID, field).send_keys(value)
    click("Créer le compte foyer")
    check("registration answers with the confirmation e-mail and the sign-in form, the address kept",
          "Un e-mail de confirmation vous a été envoyé" in text()
          and driver.find_element(By.ID, "email").get_attribute("value") == citizen_email, driver.current_url)
    visit(driver, wait, base + "/citoyen/connexion")
    driver.find_element(By.ID, "email").send_keys(citizen_email)
    driver.find_element(By.ID, "password").send_keys(citizen_password)
    submit("//form[@action='/citoyen/connexion']//button")
    check("the citizen signs in again", "Mon espace citoyen" in driver.title or "Mes demandes" in text(),
          driver.title)

    # The citizen fills in the school registration and joins the proof of address from the form itself.
    click("Démarches en ligne")
    check("the catalogue shows the school registration as a card",
          bool(driver.find_elements(By.XPATH, "//article[contains(@class,'card')]//h3[normalize-space()='Inscription scolaire']")))
    submit("//article[.//h3[normalize-space()='Inscription scolaire']]//a[contains(@class,'btn')]")
    check("the form asks for the proof of address", "Justificatif de domicile" in text())
    screenshot(driver, "formulaire-citoyen")
    check("an empty document space is pointed out", "Votre espace documents est vide" in text())
    # Filed empty, the form comes back with the reason at the top, focused, and beside the field it names.
    click("Déposer la demande")
    summary = driver.find_element(By.ID, "erreurs")
    check("a refused form says why at the top, focused",
          "Saison" in summary.text and driver.execute_script("return document.activeElement.id") == "erreurs",
          summary.text)
    check("the field in error is marked beside it",
          driver.find_element(By.ID, "saison").get_attribute("aria-invalid") == "true"
          and driver.find_element(By.ID, "saison-erreur").is_displayed())
    Select(driver.find_element(By.ID, "saison")).select_by_index(1)
    driver.find_element(By.ID, "champ-ecole").send_keys("École du Parc")
    driver.find_element(By.ID, "champ-classe").send_keys("CP")
    driver.find_element(By.ID, "note").send_keys("Nous arrivons dans le quartier en septembre.")
    proof_path = os.path.join(scratch, proof_name)
    with open(proof_path, "wb") as f:
        f.write(proof)
    Select(driver.find_element(By.ID, "piece-type")).select_by_visible_text("Justificatif de domicile")
    driver.find_element(By.ID, "piece-fichier").send_keys(proof_path)
    driver.find_element(By.ID, "joindre-piece").click()
    wait.until(lambda d: "Fichier joint" in d.find_element(By.ID, "etat-piece").text)
    box = driver.find_element(By.XPATH, f"//div[@id='pieces']//label[contains(., '{proof_name}')]/input")
    check("the joined proof comes back checked in the form", box.is_selected())
    check("the typed fields are kept while joining",
          driver.find_element(By.ID, "champ-ecole").get_attribute("value") == "École du Parc")
    click("Déposer la demande")
    number = driver.find_element(By.CSS_SELECTOR, "strong.numero").text
    check("the request is filed with a number", bool(number) and "En attente" in text(), text()[:300])
    # Printed, the page shows the receipt alone.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": reduced_motion})
    receipt = driver.find_element(By.ID, "recepisse")
    printed = (receipt.is_displayed() and number in receipt.text
               and not driver.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
               and not driver.find_element(By.CSS_SELECTOR, "strong.numero").is_displayed()
               and not driver.find_element(By.ID, "imprimer-recepisse").is_displayed())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": reduced_motion})
    check("printed, the filing shows its receipt alone", printed, receipt.text)
    click("Suivre cette demande")
    citizen_request_url = driver.current_url
    pieces = driver.find_element(By.ID, "pieces-demande").text
    check("the citizen's request page lists the proof, pending",
          proof_name in pieces and "En attente" in pieces, pieces)
    click("Mes documents")
    check("the proof joined in the form is in the document space", proof_name in text())
    # « Mes documents » → « Ajouter le document »: the block posts to the upload route (issue 20, item 11),
    # the page comes back with the document, « voir » returns its bytes, « Supprimer » removes it.
    extra_name = "attestation-assurance.pdf"
    extra = b"%PDF-1.4\n% Attestation d'assurance, walk\n" + os.urandom(16).hex().encode() + b"\n%%EOF\n"
    extra_path = os.path.join(scratch, extra_name)
    with open(extra_path, "wb") as f:
        f.write(extra)
    upload_url = driver.find_element(By.CSS_SELECTOR, "[data-document-upload]").get_attribute("data-url")
    check("the document space's upload block names its route", upload_url == "/api/citoyen/documents", upload_url)
    driver.find_element(By.ID, "type-document").send_keys("Attestation d'assurance")
    driver.find_element(By.ID, "fichier-document").send_keys(extra_path)
    driver.execute_script("document.documentElement.dataset.walk = 'left'")
    driver.find_element(By.ID, "envoyer-document").click()
    wait.until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && document.documentElement.dataset.walk === undefined"))
    rows = driver.find_element(By.CSS_SELECTOR, "table.documents").text
    check("« Ajouter le document » adds it to the document space", extra_name in rows
          and "Attestation d'assurance" in rows, rows)
    link = driver.find_element(By.XPATH, f"//table[contains(@class,'documents')]//a[contains(., '{extra_name}')]")
    viewed = driver.execute_script(
        "const r = await fetch(arguments[0], {credentials: 'same-origin'});"
        "const b = new Uint8Array(await r.arrayBuffer()); let s = '';"
        "for (const x of b) s += String.fromCharCode(x);"
        "return [r.status, r.headers.get('content-type'), btoa(s)];", link.get_attribute("href"))
    check("the citizen views the document: its bytes, as PDF",
          viewed[0] == 200 and viewed[1] == "application/pdf" and base64.b64decode(viewed[2]) == extra, viewed[:2])
    screenshot(driver, "mes-documents")
    driver.find_element(By.XPATH, f"//tr[contains(., '{extra_name}')]//button[contains(@class,'btn--danger')]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    submit("//dialog[@open]//button[@value='confirm']")
    check("« Supprimer » removes the document, the proof of the open request stays",
          extra_name not in text() and proof_name in text(), text()[:400])

    # A paying teleservice: the amount after filing, the test provider refuses, the citizen tries again and pays.
    euros = "25,00\u00a0€"
    click("Démarches en ligne")
    submit("//article[.//h3[normalize-space()=\"Inscription à l'accueil périscolaire\"]]//a[contains(@class,'btn')]")
    driver.find_element(By.ID, "champ-ecole").send_keys("École du Parc")
    driver.find_element(By.ID, "champ-jours").send_keys("Lundi, mardi, jeudi")
    click("Déposer la demande")
    paying_number = driver.find_element(By.CSS_SELECTOR, "strong.numero").text
    check("the filed paying request shows its amount",
          driver.find_element(By.ID, "montant-demande").text == euros.replace("\u00a0", " ")
          or euros in driver.find_element(By.ID, "montant-demande").get_attribute("textContent"), text()[:400])
    screenshot(driver, "demande-payante")
    click(f"Payer {euros}")
    check("the payment page shows the amount before paying, « Initialisé »",
          euros in driver.find_element(By.ID, "montant").get_attribute("textContent")
          and "Initialisé" in driver.find_element(By.ID, "etat-paiement").text, text()[:400])
    screenshot(driver, "paiement-citoyen")
    click(f"Payer {euros}")
    check("the citizen reaches the test provider's page, marked as a test",
          "/paiement-de-test/" in driver.current_url and "Aucun paiement réel" in text(), driver.current_url)
    screenshot(driver, "paiement-de-test")
    first_reference = driver.current_url.rsplit("/", 1)[1]
    click("Refuser le paiement")
    check("back from the provider, the payment reads « Refusé » and may be tried again",
          "Refusé" in driver.find_element(By.ID, "etat-paiement").text
          and bool(driver.find_elements(By.XPATH, "//button[normalize-space()='Réessayer le paiement']")), text()[:500])
    click("Réessayer le paiement")
    second_reference = driver.current_url.rsplit("/", 1)[1]
    check("a new attempt has its own reference", second_reference != first_reference, driver.current_url)
    click("Accepter le paiement")
    check("the payment is validated, with its authorisation number",
          "Validé" in driver.find_element(By.ID, "etat-paiement").text and "Votre paiement est validé" in text()
          and "N° d'autorisation" in text(), text()[:500])
    screenshot(driver, "paiement-valide")
    click("Suivre cette demande")
    paid_box = driver.find_element(By.XPATH, "//section[.//h2[@id='titre-paiement']]").text
    check("the citizen's request page tells the payment", "Validé" in paid_box and "25,00" in paid_box, paid_box)
    click("Se déconnecter")

    # The agent's pages probe the workstation's assistant; without one, its help shows above the page once
    # the probe fails and moves the page down: a click waits for it, or it could land on the wrong element.
    def settled():
        wait.until(lambda d: d.execute_script(
            "const help = document.getElementById('aide-assistant'); return !help || !help.hidden;"))

    def agent_click(text):
        settled()
        click(text)

    def agent_submit(xpath):
        settled()
        submit(xpath)

    # The stylesheet scrolls smoothly unless the user asks for reduced motion: a click on an element out of
    # view would land before the scroll ends.
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})

    # The agent signs in and finds the request among the new ones.
    visit(driver, wait, base + "/connexion")
    driver.find_element(By.ID, "login").send_keys("admin")
    # Enter submits the form: a click may land on the assistant's help, shown meanwhile above the form.
    driver.find_element(By.ID, "password").send_keys(demo_password + Keys.ENTER)
    wait.until(lambda d: d.current_url.endswith("/espace-agent"))
    agent_click("Démarches des usagers")
    new_requests = driver.find_element(By.ID, "nouvelles").text
    check("the task board lists the request under Nouvelles demandes",
          number in new_requests and "Inscription scolaire" in new_requests and "Nadia Roussel" in new_requests,
          new_requests)
    screenshot(driver, "tableau-de-bord")
    agent_submit(f"//section[@id='nouvelles']//a[normalize-space()='{number}']")
    check("opening the request locks it for the agent", "Vous avez verrouillé cette demande" in text(), text()[:400])
    request_url = driver.current_url

    # The agent opens the citizen's proof: the same bytes, as a PDF.
    link = driver.find_element(By.XPATH, f"//section[@id='justificatifs']//a[normalize-space()='{proof_name}']")
    fetched = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async response => {
          const bytes = new Uint8Array(await response.arrayBuffer());
          let binary = "";
          for (const byte of bytes) binary += String.fromCharCode(byte);
          done({status: response.status, type: response.headers.get("Content-Type"),
                disposition: response.headers.get("Content-Disposition"), body: btoa(binary)});
        }).catch(error => done({status: 0, body: "", error: String(error)}));
        """, link.get_attribute("href"))
    check("the agent downloads the proof", fetched.get("status") == 200, repr(fetched))
    check("the downloaded proof has the citizen's bytes", base64.b64decode(fetched.get("body", "")) == proof)
    check("the proof comes as a PDF under its name",
          fetched.get("type") == "application/pdf" and proof_name in (fetched.get("disposition") or ""),
          repr(fetched))

    # Validating before the document and the data are validated is refused.
    for state in ("in-progress", "complete"):
        agent_submit(f"//form[contains(@action,'/etat')][input[@name='etat' and @value='{state}']]//button")
    check("the request moves to Complète", "État actuel : Complète" in text(), text()[:400])
    agent_submit("//form[contains(@action,'/etat')][input[@name='etat' and @value='validated']]//button")
    check("validating with a pending document and data is refused",
          bool(driver.find_elements(By.CSS_SELECTOR, "#erreurs.alert--error")) and "État actuel : Complète" in text(),
          text()[:400])

    # The agent validates the proof, with a comment for the citizen, and the data.
    visit(driver, wait, request_url)
    form = driver.find_element(By.XPATH, "//section[@id='justificatifs']//form[.//select[@name='etat']]")
    Select(form.find_element(By.NAME, "etat")).select_by_visible_text("Validé")
    form.find_element(By.NAME, "commentaire").send_keys("Facture récente, acceptée.")
    agent_submit("//section[@id='justificatifs']//form[.//select[@name='etat']]//button")
    documents = driver.find_element(By.ID, "justificatifs").text
    check("the proof is validated", "Validé" in documents and "Facture récente, acceptée." in documents, documents)
    agent_click("Valider les données")
    check("the data are validated", "État des données : Validées" in text(), text()[:600])
    agent_submit("//form[contains(@action,'/etat')][input[@name='etat' and @value='validated']]//button")
    check("the request is validated", "État actuel : Validée" in text() and "Validée le" in text(), text()[:600])
    screenshot(driver, "demande-agent")

    # "Contacter le citoyen" by e-mail with the demo template and a message.
    agent_click("Contacter le citoyen")
    Select(driver.find_element(By.NAME, "moyen")).select_by_visible_text("E-mail")
    Select(driver.find_element(By.NAME, "modele")).select_by_visible_text("Demande de pièce complémentaire")
    driver.find_element(By.NAME, "message").send_keys("Le certificat de radiation de l'ancienne école.")
    agent_submit("//form[contains(@action,'/contacter')]//button[normalize-space()='Contacter le citoyen']")
    letter = driver.find_element(By.CSS_SELECTOR, "article.letter").text
    check("the letter is written from the template",
          number in letter and "Inscription scolaire" in letter and "Nadia Roussel" in letter
          and "Le certificat de radiation de l'ancienne école." in letter, letter)
    check("the exchange is recorded", "Échange enregistré dans l'historique : E-mail" in text(), text()[:400])
    agent_click("Retour à la demande")

    # A public note the citizen will read.
    Select(driver.find_element(By.NAME, "type")).select_by_value("public")
    driver.find_element(By.NAME, "texte").send_keys("Inscription validée : rendez-vous à l'école le jour de la rentrée.")
    agent_click("Ajouter la note")
    check("the note is listed under its tab",
          "Inscription validée : rendez-vous à l'école le jour de la rentrée." in driver.find_element(By.ID, "notes").text)
    settled()
    driver.find_element(By.CSS_SELECTOR, "#informations a.tabs__tab[href='#historique']").click()
    history = driver.find_element(By.ID, "historique").text
    check("the history shows the contact by e-mail with its message",
          "Citoyen contacté par « E-mail » avec le modèle « Demande de pièce complémentaire » — message : "
          "Le certificat de radiation de l'ancienne école." in history, history)
    check("the history shows the document, data and state changes",
          "Données : « En attente » → « Validées »" in history and "« Complète » → « Validée »" in history, history)
    agent_click("Libérer le verrou")
    check("releasing the lock leads back to the task board",
          "Tableau de bord" in driver.title and number in driver.find_element(By.ID, "validees").text, driver.title)

    # At the counter, the agent files a second registration for the household: the proof already in its
    # space is offered, and the paper the citizen hands in is joined by file.
    visit(driver, wait, base + "/espace-agent/demarches/foyers?nom=Roussel")
    agent_submit("//table//tr[contains(., 'Roussel')]//a")
    agent_click("Créer une demande pour ce foyer")
    Select(driver.find_element(By.NAME, "teleservice")).select_by_visible_text("Inscription scolaire")
    agent_click("Choisir")
    kept = driver.find_element(
        By.XPATH, f"//div[@id='pieces']/div[contains(@class, 'choice')][label[contains(., '{proof_name}')]]/input")
    check("the counter form offers the household's proof", not kept.is_selected())
    settled()
    kept.click()
    Select(driver.find_element(By.NAME, "saison")).select_by_index(1)
    driver.find_element(By.ID, "champ-ecole").send_keys("École du Parc")
    driver.find_element(By.ID, "champ-classe").send_keys("CE1")
    paper_name = "attestation-employeur.pdf"
    paper_path = os.path.join(scratch, paper_name)
    with open(paper_path, "wb") as f:
        f.write(b"%PDF-1.4\n% Attestation remise au guichet\n%%EOF\n")
    driver.find_element(By.ID, "piece-fichier").send_keys(paper_path)
    settled()
    driver.find_element(By.ID, "joindre-piece").click()
    wait.until(lambda d: "Fichier joint" in d.find_element(By.ID, "etat-piece").text)
    joined = driver.find_element(
        By.XPATH, f"//div[@id='pieces']//label[contains(., '{paper_name}')]/input")
    check("the paper joined at the counter comes back checked", joined.is_selected())
    agent_click("Enregistrer la demande")
    documents = driver.find_element(By.ID, "justificatifs").text
    check("the counter request carries both documents",
          proof_name in documents and paper_name in documents, documents)
    settled()
    driver.find_element(By.CSS_SELECTOR, "#informations a.tabs__tab[href='#historique']").click()
    check("its history says it was filed at the counter",
          "Demande saisie au guichet" in driver.find_element(By.ID, "historique").text, text()[:600])
    agent_click("Libérer le verrou")
    # « Rechercher paiement »: both attempts of the paying request, and the validated one by state.
    visit(driver, wait, base + "/espace-agent/demarches/paiements")
    found = driver.find_element(By.CSS_SELECTOR, "table.payments").text
    check("the agent finds both attempts with their state",
          first_reference in found and second_reference in found and "Refusé" in found and "Validé" in found
          and paying_number in found, found)
    screenshot(driver, "paiements-agent")
    Select(driver.find_element(By.ID, "etat")).select_by_visible_text("Validé")
    agent_click("Rechercher")
    found = driver.find_element(By.CSS_SELECTOR, "table.payments").text
    check("the search by state keeps the validated attempt only",
          second_reference in found and first_reference not in found, found)
    agent_submit(f"//table[contains(@class,'payments')]//a[normalize-space()='{paying_number}']")
    panel = driver.find_element(By.ID, "paiements").text
    check("the request's page shows each payment and its history",
          first_reference in panel and second_reference in panel and "Notification du service de paiement" in panel
          and "Retour de l'usager" in panel and "Validé" in panel, panel)
    screenshot(driver, "demande-agent-paiements")
    agent_click("Libérer le verrou")
    visit(driver, wait, base + "/espace-agent/demarches/gestion")
    agent_submit("//a[normalize-space()=\"Inscription à l'accueil périscolaire\"]")
    agent_click("Paiement")
    check("the teleservice's payment settings show the régie and the amount",
          driver.find_element(By.ID, "paiement-regie").get_attribute("value") == "Régie périscolaire"
          and driver.find_element(By.ID, "paiement-montant").get_attribute("value") == "25,00"
          and driver.find_element(By.ID, "paiement-actif").is_selected(), text()[:400])
    screenshot(driver, "parametres-paiement")
    visit(driver, wait, base + "/espace-agent")
    agent_click("Se déconnecter")

    # The citizen reads the outcome on their request page.
    visit(driver, wait, base + "/citoyen/connexion")
    driver.find_element(By.ID, "email").send_keys(citizen_email)
    driver.find_element(By.ID, "password").send_keys(citizen_password)
    submit("//form[@action='/citoyen/connexion']//button")
    visit(driver, wait, citizen_request_url)
    page = text()
    check("the citizen sees the request validated", "État : Validée" in page, page[:600])
    pieces = driver.find_element(By.ID, "pieces-demande").text
    check("the citizen sees the proof validated with the comment",
          "Validé" in pieces and "Facture récente, acceptée." in pieces, pieces)
    check("the citizen sees the public note from the service",
          "Le service" in page and "Inscription validée : rendez-vous à l'école le jour de la rentrée." in page, page)
    check("the citizen reads the letter sent by e-mail among the exchanges",
          f"Votre demande n° {number}" in page
          and "Le certificat de radiation de l'ancienne école." in page, page)
    check("the citizen does not see internal history", "Demande verrouillée" not in page)
    screenshot(driver, "demande-citoyen")
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
