#!/usr/bin/env python3
"""Headless Chromium drives a platform-like page against a real assistant daemon.

A page served from a paired origin connects, shows "En ligne" and lists the SoftHSM certificates;
the same page served from an unpaired origin stays "Hors ligne".
Usage: test_assistant_page.py ASSISTANT_BINARY WORKDIR   (the SoftHSM fixture's SOFTHSM2_CONF set)
Prints "N passed, N failed" last.
"""
import functools, http.server, os, socket, subprocess, sys, threading, time
from selenium import webdriver
from selenium.webdriver.common.by import By
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
environment = dict(os.environ, SCEAU_CONFIG_DIR=os.path.join(workdir, "browser-assistant"))
subprocess.run([binary, "pair", f"http://127.0.0.1:{paired_port}", "--yes"], env=environment, check=True,
               stdout=subprocess.DEVNULL)
daemon = subprocess.Popen([binary, "serve", "--port", str(assistant_port)], env=environment,
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


try:
    driver.get(f"http://127.0.0.1:{paired_port}/assistant_page.html?port={assistant_port}")
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-done") == "yes")
    state = driver.find_element(By.ID, "etat")
    check("a paired page shows En ligne", state.text == "En ligne", state.text)
    check("it speaks protocol 1.0", state.get_attribute("data-protocol") == "1.0")
    holders = [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#certificats li")]
    check("it lists the token's signing certificate as suitable",
          "Marie Dupont — Adapté pour les marchés publics" in holders, repr(holders))

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
