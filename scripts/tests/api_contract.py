#!/usr/bin/env python3
"""The JSON API fuzzed against its contract: `schemathesis` (4.x) runs every operation of docs/openapi.yaml against a
real `sceau-platform serve` on a fresh SQLite data directory with the demo data, with the demo agent (`admin`), the
demo company (`entreprise-demo`) and the demo household (`citoyen@demo.invalid`) signed in at once: their three
session cookies, an anti-CSRF token and our own `Origin` go with every request.

Checks: not_a_server_error (no 5xx), response_schema_conformance (every JSON answer matches its documented schema),
status_code_conformance (every status is documented for its operation), content_type_conformance.

The sign-outs (`DELETE /api/session`, `DELETE /api/entreprise/session`) run in a second pass, after every other
operation: fuzzed earlier, they would end the sessions the rest of the run stands on.

Usage: api_contract.py SCEAU_PLATFORM_BINARY WORKDIR [--quick | --max-examples N] [--seed N] [--keep]
  --quick          a few examples per operation and no coverage phase (a few minutes; what scripts/test.sh runs)
  (default)        100 examples per operation and every phase but the stateful one
Prints one line per operation that failed ("FAIL METHOD PATH: checks"), the reproductions in WORKDIR's
api-contract-*/schemathesis-*.log, and last "N passed, N failed": operations without / with a failure.
"""
import argparse, json, os, re, shutil, socket, subprocess, sys, tempfile, time, traceback
import http.cookiejar, urllib.error, urllib.parse, urllib.request
import xml.etree.ElementTree as ElementTree


ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCHEMA = os.path.join(ROOT, "docs", "openapi.yaml")
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"
SIGN_OUTS = ("DELETE /api/session", "DELETE /api/entreprise/session")
DEMO_PASSWORD = "sceau-demo"

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("workdir")
parser.add_argument("--quick", action="store_true")
parser.add_argument("--max-examples", type=int)
parser.add_argument("--seed", type=int, default=int(os.environ.get("SCEAU_API_CONTRACT_SEED", "20261207")))
parser.add_argument("--keep", action="store_true", help="keep the platform's data directory")
arguments = parser.parse_args()
examples = arguments.max_examples or (5 if arguments.quick else 100)
phases = "examples,fuzzing" if arguments.quick else "examples,coverage,fuzzing"

os.makedirs(arguments.workdir, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="api-contract-", dir=arguments.workdir)
data_dir = os.path.join(scratch, "data")
schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")


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
    raise RuntimeError(f"{base}/health never answered")


class Client:
    """Cookies kept, redirects not followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()

        class Keep(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), Keep)

    def send(self, method, path, json_body=None, form=None, headers=None):
        data, request_headers = None, dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body).encode()
            request_headers["Content-Type"] = "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            request_headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(base + path, data=data, method=method, headers=request_headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


def sign_in():
    """The three demo identities: returns (cookie header, CSRF token of the agent, of the company, of the citizen)."""
    agent, company, citizen = Client(), Client(), Client()
    status, text = agent.send("POST", "/api/session", {"login": "admin", "password": DEMO_PASSWORD})
    if status != 200:
        raise RuntimeError(f"agent sign-in: {status} {text[:300]}")
    agent_csrf = json.loads(text)["csrfToken"]
    status, text = company.send("POST", "/api/entreprise/session",
                                {"login": "entreprise-demo", "password": DEMO_PASSWORD})
    if status != 200:
        raise RuntimeError(f"company sign-in: {status} {text[:300]}")
    company_csrf = json.loads(text).get("csrfToken")
    status, text = citizen.send("POST", "/citoyen/connexion",
                                form={"email": "citoyen@demo.invalid", "password": DEMO_PASSWORD})
    if status not in (200, 302, 303) or not citizen.cookie("sceau_citoyen"):
        raise RuntimeError(f"citizen sign-in: {status} {text[:300]}")
    status, text = citizen.send("GET", "/citoyen/compte")
    found = re.search(r'name="_csrf"\s+value="([^"]+)"', text) or re.search(r'value="([^"]+)"\s+name="_csrf"', text)
    if not found:
        raise RuntimeError(f"no _csrf on /citoyen/compte: {status} {text[:300]}")
    cookies = {"sceau_session": agent.cookie("sceau_session"), "sceau_entreprise": company.cookie("sceau_entreprise"),
               "sceau_citoyen": citizen.cookie("sceau_citoyen")}
    missing = [name for name, value in cookies.items() if not value]
    if missing:
        raise RuntimeError(f"no cookie {', '.join(missing)} after sign-in")
    return "; ".join(f"{name}={value}" for name, value in cookies.items()), agent_csrf, company_csrf, found.group(1)


def seed(cookie_header, company_csrf):
    """Best effort, so that the deposit routes also meet a deposit that exists (the demo data has none): the demo
    company starts a deposit on the demo consultation and announces a sealed file in it."""
    client = Client()
    headers = {"Cookie": cookie_header, "X-CSRF-Token": company_csrf, "Origin": base}
    status, text = client.send("POST", "/api/deposits", {"consultation": "DEMO_2026_001"}, headers=headers)
    if status != 201:
        print(f"info no deposit seeded: {status} {text[:200]}")
        return
    deposit = json.loads(text)["id"]
    for envelope in ("candidature", "offre"):
        status, text = client.send("POST", f"/api/deposits/{deposit}/files", {
            "envelope": envelope, "name": f"{envelope}.pdf.p7m", "size": 4096, "sha256": "ab" * 32}, headers=headers)
        print(f"info seeded deposit {deposit}, file in {envelope}: {status}"
              + ("" if status == 201 else f" {text[:200]}"))


def still_signed_in(cookie_header):
    """Which of the three sessions still answer 200 on their own `GET`."""
    client = Client()
    answers = {}
    for name, path in (("agent", "/api/session"), ("company", "/api/entreprise/session"),
                       ("citizen", "/api/citoyen/demandes")):
        answers[name] = client.send("GET", path, headers={"Cookie": cookie_header})[0]
    return answers


def run(name, cookie_header, csrf, selection):
    """One schemathesis run; returns {operation label: [failure texts]} from its JUnit report."""
    junit = os.path.join(scratch, f"junit-{name}.xml")
    command = [schemathesis, "run", SCHEMA, "--url", base, "--checks", CHECKS, "--phases", phases,
               "--max-examples", str(examples), "--seed", str(arguments.seed), "--workers", "1",
               "--request-timeout", "30", "--suppress-health-check", "all", "--no-color", "--continue-on-failure",
               "--header", f"Cookie: {cookie_header}", "--header", f"X-CSRF-Token: {csrf}",
               "--header", f"Origin: {base}", "--report", "junit", "--report-junit-path", junit, *selection]
    log = os.path.join(scratch, f"schemathesis-{name}.log")
    started = time.monotonic()
    with open(log, "w") as out:
        # In the scratch directory: schemathesis keeps a cache (.schemathesis/) in its working directory.
        status = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=scratch,
                                env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": "api_contract_hooks",
                                     "PYTHONPATH": os.path.dirname(os.path.abspath(__file__))}).returncode
    print(f"info schemathesis {name}: exit {status} after {time.monotonic() - started:.0f} s (log {log})")
    with open(log) as f:
        tail = f.read()[-1500:]
    summary = [line for line in tail.splitlines() if re.search(r"(passed|failed|errors?|generated|Test cases)", line)]
    for line in summary[-6:]:
        print(f"info   {line.strip()}")
    if not os.path.exists(junit):
        raise RuntimeError(f"schemathesis {name} wrote no report (exit {status}); read {log}")
    results = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        label = case.get("name") or case.get("classname")
        problems = [(element.get("message") or "") + "\n" + (element.text or "")
                    for element in case if element.tag in ("failure", "error")]
        skipped = any(element.tag == "skipped" for element in case)
        results[label] = None if skipped and not problems else problems
    return results


def kinds(problem):
    """The failed checks a JUnit failure names ("- ST103 Undocumented status code" → "Undocumented status code"),
    with the statuses received."""
    names = []
    for line in problem.splitlines():
        found = re.match(r"^- (?:[A-Z]{2}\d+ )?(.+)$", line.strip())
        if found and found.group(1) not in names:
            names.append(found.group(1))
    statuses = sorted(set(re.findall(r"^\[(\d{3})\]", problem, re.M)))
    return (names or [problem.strip().splitlines()[0] if problem.strip() else "error"]) + (
        [f"received {'/'.join(statuses)}"] if statuses else [])


port = free_port()
base = f"http://127.0.0.1:{port}"
server = None
passed = failed = 0
try:
    subprocess.run([arguments.binary, "migrate", "--data-dir", data_dir], check=True, capture_output=True)
    subprocess.run([arguments.binary, "demo-data", "--data-dir", data_dir], check=True, capture_output=True)
    server = subprocess.Popen([arguments.binary, "serve", "--data-dir", data_dir, "--port", str(port),
                               "--cookies", "insecure"],
                              stdout=open(os.path.join(scratch, "serve.log"), "w"), stderr=subprocess.STDOUT)
    wait_for_health(base)
    cookie_header, agent_csrf, company_csrf, citizen_csrf = sign_in()
    print(f"info platform on {base}, data in {data_dir}; agent, company and citizen signed in")
    seed(cookie_header, company_csrf)
    print(f"info {examples} examples per operation, phases {phases}, seed {arguments.seed}")

    # Pass 1: everything but the sign-outs; pass 2: the sign-outs alone.
    first = run("main", cookie_header, agent_csrf,
                [argument for label in SIGN_OUTS for argument in ("--exclude-name", label)])
    sessions = still_signed_in(cookie_header)
    print(f"info sessions after the main pass (GET status): {sessions}")
    second = run("sign-outs", cookie_header, agent_csrf,
                 [argument for label in SIGN_OUTS for argument in ("--include-name", label)])
    results = {**first, **second}
    for label, problems in sorted(results.items()):
        if problems is None:
            print(f"skip {label}")
        elif problems:
            failed += 1
            found = []
            for problem in problems:
                found += [kind for kind in kinds(problem) if kind not in found]
            print(f"FAIL {label}: {'; '.join(found)}")
        else:
            passed += 1
            print(f"ok   {label}")
    if server.poll() is not None:
        failed += 1
        print(f"FAIL the platform stopped during the run (exit {server.returncode}; read {scratch}/serve.log)")
    print(f"info {len(results)} operations; details and reproductions (curl) in {scratch}/schemathesis-*.log")
except Exception:
    traceback.print_exc()
    failed += 1
finally:
    if server is not None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    if not arguments.keep:
        shutil.rmtree(data_dir, ignore_errors=True)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
