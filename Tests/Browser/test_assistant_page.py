#!/usr/bin/env python3
"""Headless Chromium drives a platform-like page against a real assistant daemon.

A page served from a paired origin connects, shows "En ligne", lists the SoftHSM certificates and signs
a file (the PIN typed in a scripted pinentry, never in the page; the signature checked by openssl);
the same page served from an unpaired origin stays "Hors ligne". The assistant's own page (its status, its
jobs) then shows in the platform's look: its stylesheet, served by the assistant, loads under its CSP.
Usage: test_assistant_page.py ASSISTANT_BINARY WORKDIR   (the SoftHSM fixture's SOFTHSM2_CONF set)
Prints "N passed, N failed" last.
"""
import base64, functools, http.server, os, socket, subprocess, sys, threading, time
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

binary, workdir = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_pages(port):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=here)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


assistant_port, paired_port, foreign_port = free_port(), free_port(), free_port()
environment = dict(os.environ, SCEAU_CONFIG_DIR=os.path.join(workdir, "browser-assistant"),
                   SCEAU_FAKE_PIN=os.environ.get("SCEAU_TEST_PIN", "1234"),
                   SCEAU_FAKE_PIN_LOG=os.path.join(workdir, "browser-pinentry.log"))
pinentry = os.path.join(here, "..", "..", "scripts", "fixtures", "pinentry-fake.sh")
subprocess.run([binary, "pair", f"http://127.0.0.1:{paired_port}", "--yes"], env=environment, check=True,
               stdout=subprocess.DEVNULL)
daemon = subprocess.Popen([binary, "serve", "--port", str(assistant_port), "--pinentry", pinentry], env=environment,
                          stdout=open(os.path.join(workdir, "browser-assistant.log"), "w"), stderr=subprocess.STDOUT)
servers = [serve_pages(paired_port), serve_pages(foreign_port)]
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", assistant_port), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)

options = webdriver.ChromeOptions()
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=options)
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def press(button):
    """Clicks a form's button once it is in the middle of the window (the stylesheet scrolls smoothly), and waits
    for the page that answers."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    driver.execute_script("document.documentElement.dataset.left = 'yes'")
    button.click()

    def answered(d):
        # The mark is gone once another document is loaded; while the page changes, the driver may fail.
        try:
            return d.execute_script("return document.readyState === 'complete' && !document.documentElement.dataset.left")
        except WebDriverException:
            return False

    WebDriverWait(driver, 30).until(answered)


try:
    driver.get(f"http://127.0.0.1:{paired_port}/assistant_page.html?port={assistant_port}")
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-done") == "yes")
    state = driver.find_element(By.ID, "etat")
    check("a paired page shows En ligne", state.text == "En ligne", state.text)
    check("it speaks protocol 1.0", state.get_attribute("data-protocol") == "1.0")
    holders = [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#certificats li")]
    check("it lists the token's signing certificate as suitable",
          "Marie Dupont — Adapté pour les marchés publics" in holders, repr(holders))

    document = os.path.join(workdir, "browser-offre.txt")
    with open(document, "wb") as f:
        f.write(os.urandom(1536 * 1024))
    driver.find_element(By.ID, "fichier").send_keys(document)
    driver.find_element(By.ID, "signer").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "resultat").get_attribute("data-done") == "yes")
    result = driver.find_element(By.ID, "resultat")
    check("the page receives a signature named as in the seed",
          result.text.startswith("Signature reçue : browser-offre.txt - ") and "Signature 1.p7s" in result.text,
          result.text)
    check("what arrived matches the assistant's SHA-256", result.get_attribute("data-intact") == "yes")
    signature_file = os.path.join(workdir, "browser-offre.p7s")
    encoded = driver.execute_script("return document.getElementById('signature').textContent")
    with open(signature_file, "wb") as f:
        f.write(base64.b64decode(encoded or ""))
    pki = os.environ.get("SCEAU_TEST_PKI", "")
    verified = subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature_file,
                               "-content", document, "-CAfile", os.path.join(pki, "root-ca.pem"), "-purpose", "any",
                               "-out", "/dev/null"], capture_output=True)
    check("openssl cms -verify accepts it", verified.returncode == 0, verified.stderr.decode()[-300:])
    with open(os.path.join(workdir, "browser-pinentry.log")) as f:
        shown = f.read()
    check("the PIN dialog named the page's origin and the file",
          f"http://127.0.0.1:{paired_port} veut signer" in shown and "browser-offre.txt" in shown, shown[-300:])

    driver.get(f"http://127.0.0.1:{assistant_port}/")
    header = driver.find_element(By.CSS_SELECTOR, "header.site-header")
    check("the assistant's own page loads its stylesheet (the platform's look) under its CSP",
          header.value_of_css_property("background-color") == "rgba(31, 42, 68, 1)",
          header.value_of_css_property("background-color"))
    check("it says it is online", "En ligne" in driver.find_element(By.ID, "etat").text)
    jobs = driver.find_elements(By.CSS_SELECTOR, "tr.job")
    check("it lists the signature as done", any(row.get_attribute("data-state") == "succeeded"
                                                 and "Terminé" in row.text for row in jobs), repr([r.text for r in jobs]))
    check("and the paired platform", f"http://127.0.0.1:{paired_port}" in driver.find_element(
        By.CSS_SELECTOR, "section[aria-labelledby=titre-plateformes] table").text)
    driver.find_element(By.ID, "origine").send_keys("https://autre.example.fr")
    press(driver.find_element(By.CSS_SELECTOR, "form[action='/pairings'] button[type=submit]"))
    notice = driver.find_element(By.ID, "notice").text
    check("its own form pairs a platform in the browser (Origin and token accepted)",
          "Plateforme https://autre.example.fr appairée" in notice, notice)
    driver.find_element(By.ID, "origine").send_keys("http://pas-https.example")
    press(driver.find_element(By.CSS_SELECTOR, "form[action='/pairings'] button[type=submit]"))
    refused = driver.find_elements(By.ID, "origine-erreur")
    check("a refused form says why beside the field and keeps what was typed",
          bool(refused) and "only https" in refused[0].text
          and driver.find_element(By.ID, "origine").get_attribute("value") == "http://pas-https.example",
          driver.find_element(By.ID, "notice").text)

    driver.get(f"http://127.0.0.1:{foreign_port}/assistant_page.html?port={assistant_port}")
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "etat").text != "Connexion…")
    state = driver.find_element(By.ID, "etat")
    check("an unpaired page stays Hors ligne", state.text == "Hors ligne", state.text)
    check("and lists nothing", not driver.find_elements(By.CSS_SELECTOR, "#certificats li"))
finally:
    driver.quit()
    daemon.terminate()
    daemon.wait(timeout=10)
    for server in servers:
        server.shutdown()

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
