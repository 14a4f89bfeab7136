"""What the platform's browser walks share: a tally of checks, a free port, a server to wait for, a headless
Chromium driver 1280 px wide with a click that waits for the next page, `visit` instead of `driver.get`, an
accessibility audit (axe-core) of every page a walk reaches that way, full-page screenshots, and a mail sink
(a local SMTP relay for `serve --smtp`) that keeps what the platform sends."""
import base64, email, email.policy, os, socketserver, sys, threading, time, urllib.parse, urllib.request
import socket

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WIDTH, HEIGHT, NARROW = 1280, 900, 360

# The WCAG 2.0 and 2.1 levels A and AA fail a walk (serious or critical impact); best practices are only told.
AXE_FAILING_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_TAGS = AXE_FAILING_TAGS + ("best-practice",)


class Tally:
    """Counts checks; `summary()` is the "N passed, N failed" line scripts/test.sh reads. The last Tally made
    is the walk's: the axe audit counts its checks there, once per page path."""

    current = None

    def __init__(self):
        self.passed = self.failed = 0
        self.audited = set()  # the paths axe has audited in this walk
        self.axe_pages = []  # (path, [(rule id, impact, node count)]) per audited path, for axe_summary()
        Tally.current = self

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
    """A headless Chromium (Debian's chromium and chromedriver), 1280 px wide, preferring reduced motion, and a
    WebDriverWait of 20 s on it."""
    options = webdriver.ChromeOptions()
    # Reduced motion: the stylesheet's smooth scrolling would move a button while Selenium clicks it.
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={WIDTH},{HEIGHT}", "--force-prefers-reduced-motion"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"),
                              options=options)
    driver.set_window_size(WIDTH, HEIGHT)
    wait = WebDriverWait(driver, 20, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException,
                                                   WebDriverException])
    return driver, wait


def click(driver, wait, text):
    """Clicks the button or link named `text` and waits for the next page to replace this one: the page is
    marked first, and the mark is gone only once another document is loaded. The new page is audited."""
    driver.execute_script("document.documentElement.dataset.walk = 'left'")
    driver.find_element(By.XPATH, f"//button[normalize-space()=\"{text}\"] | //a[normalize-space()=\"{text}\"]").click()
    wait.until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && document.documentElement.dataset.walk === undefined"))
    audit(driver)


def visit(driver, wait, url):
    """`driver.get(url)`, waits for the page to be loaded, and audits it."""
    driver.get(url)
    wait.until(lambda d: d.execute_script("return document.readyState === 'complete'"))
    audit(driver)


# MARK: axe-core

_axe_source = None


def _axe_script():
    global _axe_source
    if _axe_source is None:
        import axe_selenium_python  # axe-selenium-python-nhsuk: the module and its axe-core (4.9) bundle
        path = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
        with open(path, encoding="utf8") as f:
            _axe_source = f.read()
    return _axe_source


def audit(driver, tally=None):
    """Runs axe-core on the page the driver shows, once per URL path (query left out) in the walk: a violation
    of WCAG 2.0/2.1 A or AA with a serious or critical impact is a failed check "axe: PATH has no serious or
    critical violation"; the minor and moderate ones, and the best practices, are printed as info lines."""
    tally = tally or Tally.current
    if tally is None:
        return
    try:
        url = driver.current_url
        path = urllib.parse.urlsplit(url).path or "/"
        if path in tally.audited:
            return
        if driver.execute_script("return document.contentType") != "text/html":
            return
        tally.audited.add(path)
        if not driver.execute_script("return typeof window.axe === 'object'"):
            try:
                script = _axe_script()
            except (ImportError, OSError) as error:  # scripts/install-deps.sh puts it in .venv
                tally.check(f"axe: {path} is audited (axe-selenium-python-nhsuk installed)", False, repr(error))
                return
            driver.execute_script(script)
        driver.set_script_timeout(60)
        results = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(r.violations), e => done({error: String(e)}));", list(AXE_TAGS))
    except WebDriverException as error:
        tally.check(f"axe: {path} is audited", False, repr(error)[:300])
        return
    if isinstance(results, dict):
        tally.check(f"axe: {path} is audited", False, results.get("error"))
        return
    failing, told = [], []
    for violation in results:
        fails = (violation.get("impact") in ("serious", "critical")
                 and any(tag in AXE_FAILING_TAGS for tag in violation.get("tags", [])))
        (failing if fails else told).append(violation)
    tally.axe_pages.append((path, [(v["id"], v.get("impact") or "?", len(v.get("nodes", []))) for v in results]))
    for violation in told:
        targets = ", ".join(" ".join(node.get("target", [])) for node in violation.get("nodes", [])[:3])
        print(f"info axe {path}: {violation['id']} ({violation.get('impact')}, {len(violation.get('nodes', []))}"
              f" nodes) {violation.get('help')} — {targets}")
    detail = "; ".join(
        f"{v['id']} ({v.get('impact')}): {v.get('help')} — "
        + ", ".join(" ".join(node.get("target", [])) for node in v.get("nodes", [])[:5])
        + (f" (+{len(v['nodes']) - 5})" if len(v.get("nodes", [])) > 5 else "")
        for v in failing)
    tally.check(f"axe: {path} has no serious or critical violation", not failing, detail)


def axe_summary(tally=None):
    """One line: the pages audited and, per page with any, its violations as `rule×nodes`."""
    tally = tally or Tally.current
    if tally is None:
        return "axe: no page audited"
    flagged = [f"{path} [{', '.join(f'{rule}×{count}' for rule, _, count in rules)}]"
               for path, rules in tally.axe_pages if rules]
    return (f"axe: {len(tally.axe_pages)} pages audited, {len(flagged)} with violations"
            + (": " + "; ".join(flagged) if flagged else ""))


# MARK: screenshots

def screens_dir():
    """`$SCEAU_SCREENS_DIR`, else `screens` in the walk's WORKDIR (its second argument)."""
    directory = os.environ.get("SCEAU_SCREENS_DIR") or os.path.join(
        sys.argv[2] if len(sys.argv) > 2 else ".", "screens")
    os.makedirs(directory, exist_ok=True)
    return directory


def _capture(driver, width, path):
    """A full-page PNG of the page at `width` CSS pixels: the viewport is sized to the page's height."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    height = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
    height = max(HEIGHT, min(int(height), 16000))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def screenshot(driver, name):
    """Saves the whole page as NAME.png (1280 px wide) and NAME-360.png (360 px wide) in screens_dir(). A
    screenshot that fails is told, never a failed check: it documents, it does not test."""
    directory = screens_dir()
    try:
        _capture(driver, WIDTH, os.path.join(directory, f"{name}.png"))
        _capture(driver, NARROW, os.path.join(directory, f"{name}-{NARROW}.png"))
        print(f"info screenshot {name}.png, {name}-{NARROW}.png")
    except WebDriverException as error:
        print(f"info screenshot {name} not taken: {error!r}"[:300])
    finally:
        try:
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            driver.execute_script("window.scrollTo(0, 0)")
        except WebDriverException:
            pass


def screenshot_tabs(driver, name):
    """The page as NAME.png; when it has tabs (`.tabs__tab`), each other tab too, as NAME-onglet-N.png, the
    first tab shown again after."""
    screenshot(driver, name)
    tabs = driver.find_elements(By.CSS_SELECTOR, ".tabs__tab")
    if len(tabs) < 2:
        return
    try:
        for number, tab in enumerate(tabs[1:], start=2):
            tab.click()
            screenshot(driver, f"{name}-onglet-{number}")
        tabs[0].click()
    except WebDriverException as error:
        print(f"info tabs of {name} not all taken: {error!r}"[:300])


class MailSink:
    """A local SMTP relay for `serve --smtp 127.0.0.1:PORT`: accepts every message and keeps it as
    (to, subject, body) in `messages`; `close()` stops it."""

    def __init__(self):
        self.messages = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                def reply(line):
                    self.wfile.write((line + "\r\n").encode())

                reply("220 sink.invalid")
                recipients, data = [], None
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    text = line.decode("utf-8", "replace").rstrip("\r\n")
                    if data is not None:
                        if text == ".":
                            sink._keep(recipients, data)
                            recipients, data = [], None
                            reply("250 kept")
                        else:
                            data.append(text[1:] if text.startswith("..") else text)
                        continue
                    verb = text[:4].upper()
                    if verb == "RCPT":
                        recipients.append(text.split("<", 1)[-1].rstrip(">"))
                        reply("250 ok")
                    elif verb == "DATA":
                        data = []
                        reply("354 go on")
                    elif verb == "QUIT":
                        reply("221 bye")
                        return
                    else:
                        reply("250 ok")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _keep(self, recipients, lines):
        message = email.message_from_string("\r\n".join(lines) + "\r\n", policy=email.policy.default)
        for to in recipients:
            self.messages.append((to, str(message["Subject"]), message.get_content()))

    def to(self, address):
        """The messages sent to `address`, as (subject, body)."""
        return [(subject, body) for to, subject, body in self.messages if to == address]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
