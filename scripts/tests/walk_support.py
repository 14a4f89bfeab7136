"""What the platform's browser walks share: a tally of checks, a free port, a server to wait for, and a
headless Chromium driver with a click that waits for the next page."""
import socket, time, urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


class Tally:
    """Counts checks; `summary()` is the "N passed, N failed" line scripts/test.sh reads."""

    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name} {detail}")

    def summary(self):
        return f"{self.passed} passed, {self.failed} failed"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(base, attempts=300):
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(base + "/health", timeout=1):
                return
        except OSError:
            time.sleep(0.1)


def chromium():
    """A headless Chromium (Debian's chromium and chromedriver) and a WebDriverWait of 20 s on it."""
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"),
                              options=options)
    wait = WebDriverWait(driver, 20, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException,
                                                   WebDriverException])
    return driver, wait


def click(driver, wait, text):
    """Clicks the button or link named `text` and waits for the next page to replace this one: the page is
    marked first, and the mark is gone only once another document is loaded."""
    driver.execute_script("document.documentElement.dataset.walk = 'left'")
    driver.find_element(By.XPATH, f"//button[normalize-space()=\"{text}\"] | //a[normalize-space()=\"{text}\"]").click()
    wait.until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && document.documentElement.dataset.walk === undefined"))
