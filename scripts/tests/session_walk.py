#!/usr/bin/env python3
"""Headless Chromium checks the automatic sign-out after inactivity (« déconnexion automatique », seed 002) on a
real `sceau-platform serve --idle-timeout 20`: the page warns ten seconds before the end, « Rester connecté »
keeps the session, and without anything done the page signs out and the sign-in page says why.
Usage: session_walk.py SCEAU_PLATFORM_BINARY WORKDIR
Prints "N passed, N failed" last.
"""
import os, shutil, subprocess, sys, tempfile, time, traceback, urllib.request
from selenium.webdriver.common.by import By

from walk_support import Tally, audit, axe_summary, chromium, free_port, screenshot, visit, wait_for_health

binary, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="session-walk-", dir=workdir)
data_dir = os.path.join(scratch, "data")
idle = 20

tally = Tally()
check = tally.check

subprocess.run([binary, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
port = free_port()
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", str(port), "--idle-timeout", str(idle)],
                          stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)
driver = None
try:
    wait_for_health(base)
    driver, wait = chromium()
    visit(driver, wait, base + "/connexion")
    driver.find_element(By.NAME, "login").send_keys("admin")
    driver.find_element(By.NAME, "password").send_keys("sceau-demo")
    driver.find_element(By.XPATH, "//button[@type='submit']").click()
    wait.until(lambda d: "/connexion" not in d.current_url)
    visit(driver, wait, base + "/espace-agent")
    box = driver.find_element(By.ID, "fin-de-session")
    check("no warning at first", not box.is_displayed())

    # Ten seconds before the end, the warning; its button has the focus.
    started = time.time()
    wait.until(lambda d: d.find_element(By.ID, "fin-de-session").is_displayed())
    shown_after = time.time() - started
    check("the warning comes before the end", shown_after < idle - 5, f"{shown_after:.1f} s")
    check("it says the session is about to end",
          "Votre session va se terminer" in box.text and "bientôt 20 secondes" in box.text
          and "Rester connecté" in box.text, box.text)
    check("« Rester connecté » has the focus",
          driver.switch_to.active_element.get_attribute("id") == "rester-connecte")
    tally.audited.discard("/espace-agent")  # audited again with the warning shown
    audit(driver, tally)
    screenshot(driver, "fin-de-session-avertissement")

    # « Rester connecté »: the warning goes, the session lives past the first end.
    driver.find_element(By.ID, "rester-connecte").click()
    wait.until(lambda d: not d.find_element(By.ID, "fin-de-session").is_displayed())
    time.sleep(max(0, idle + 1 - (time.time() - started)))
    check("after « Rester connecté », the page is still signed in past the first end",
          "/espace-agent" in driver.current_url and driver.find_elements(By.ID, "fin-de-session"))

    # Nothing more: the page signs out and the sign-in page says why.
    wait.until(lambda d: "/connexion" in d.current_url and "fin=inactivite" in d.current_url)
    wait.until(lambda d: "période d'inactivité" in d.find_element(By.TAG_NAME, "main").text)
    check("the sign-in page says the session ended for inactivity",
          "Votre session s'est terminée après une période d'inactivité" in driver.find_element(By.TAG_NAME, "main").text)
    tally.audited.discard("/connexion")
    audit(driver, tally)
    screenshot(driver, "fin-de-session-connexion")
    visit(driver, wait, base + "/espace-agent")
    check("the agent space asks to sign in again", "Connexion" in driver.title or "/connexion" in driver.current_url
          or "Se connecter" in driver.find_element(By.TAG_NAME, "main").text, driver.title)
    request = urllib.request.Request(base + "/session/activite")
    try:
        status = urllib.request.urlopen(request).status
    except urllib.error.HTTPError as error:
        status = error.code
    check("/session/activite without a session answers 401", status == 401, status)
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
    shutil.rmtree(scratch, ignore_errors=True)
print(axe_summary(tally))
print(tally.summary())
sys.exit(1 if tally.failed else 0)
