"""Several platform nodes through the faults of a deadline rush (issue 17, item 2).

Starts a private PostgreSQL, NODES `sceau-platform serve` processes over it and over one data directory (a small
tmpfs, so that it can be filled), and HAProxy on loopback checking `/ready` and spreading requests round robin,
so that the chunks of one file land on different nodes. BIDDERS bidders each deposit, again and again, a sealed
offer of SIZE MiB through HAProxy with `sceau-assistant deposit`, rerunning the same command when it gives up
(exit 1 or 5: it resumes the same deposit), as a bidder would. Mid-rush, unless --no-faults: kill -9 of a
node (restarted after a pause), a PostgreSQL restart, then the shared disk filled to its last half-mebibyte
for a few seconds.

Afterwards, every receipt a bidder got must be the one the database holds for that deposit (no receipt issued
twice), its deposit complete (or superseded by the bidder's next one), every file stored under the SHA-256
the bidder sent, with those bytes; no deposit half-completed; `journal verify` intact; every bidder with a
receipt. Prints deposits/s, MiB/s, p50/p99 of a deposit command's time and the counts.

Usage: cluster_faults.py BIN_DIR RUN_DIR [--nodes 2] [--bidders 6] [--size 1] [--rounds 2] [--no-faults]
(as root: PostgreSQL runs as user postgres, the data directory is a tmpfs mount; without the right to mount,
the disk-full fault is skipped and says so). BIN_DIR holds sceau-platform and sceau-assistant.
"""
import argparse, hashlib, json, os, shutil, signal, statistics, subprocess, sys, threading, time
import urllib.request

from walk_support import Tally, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POSTGRES = os.path.join(ROOT, "scripts", "fixtures", "postgres.sh")
CONSULTATION, LOGIN, PASSWORD = "DEMO_2026_001", "entreprise-demo", "sceau-demo"


def log(message):
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


def ready(port, path="/ready"):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} not reached in {seconds} s")


class Postgres:
    """The private PostgreSQL of scripts/fixtures/postgres.sh, restartable."""

    def __init__(self, run):
        self.run, self.port = os.path.join(run, "pg"), free_port()

    def start(self):
        subprocess.run([POSTGRES, "start", self.run, str(self.port)], check=True, stdout=subprocess.DEVNULL)

    def stop(self):
        subprocess.run([POSTGRES, "stop", self.run], check=True, stdout=subprocess.DEVNULL)

    @property
    def url(self):
        return f"postgres://sceau:sceau@127.0.0.1:{self.port}/sceau_test"

    def query(self, sql):
        out = subprocess.run(["psql", self.url, "-qAt", "-F", "\t", "-c", sql], check=True, capture_output=True,
                             text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]


class Node:
    """One `serve` process; kill -9 and start again under the same name and port."""

    def __init__(self, index, bin_dir, run, database, data):
        self.name, self.port = f"node{index}", free_port()
        self.command = [os.path.join(bin_dir, "sceau-platform"), "serve", "--database-url", database,
                        "--data-dir", data, "--port", str(self.port), "--node-id", self.name,
                        "--drain-seconds", "1", "--database-wait", "60", "--log-level", "notice",
                        "--max-deposits-in-progress", "1000", "--max-company-deposits-in-progress", "1000"]
        self.log = open(os.path.join(run, f"{self.name}.log"), "ab")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=self.log, stderr=self.log)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def haproxy_config(run, port, nodes):
    servers = "\n".join(f"    server {n.name} 127.0.0.1:{n.port}" for n in nodes)
    path = os.path.join(run, "haproxy.cfg")
    with open(path, "w") as out:
        out.write(f"""global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 2m
    timeout server 2m
    retries 3
    option redispatch 1
frontend public
    bind 127.0.0.1:{port}
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /ready
    http-check expect status 200
    timeout check 5s
    default-server check inter 1s fall 3 rise 2
{servers}
""")
    return path


class Bidder(threading.Thread):
    """Deposits its offer until told to stop, rerunning a command that gave up (it resumes the deposit)."""

    def __init__(self, index, assistant, platform, run, size, rounds, stop):
        super().__init__(daemon=True)
        self.index, self.assistant, self.platform, self.rounds, self.stop = index, assistant, platform, rounds, stop
        folder = os.path.join(run, "bidders", str(index))
        os.makedirs(folder, exist_ok=True)
        self.candidature, self.offer = os.path.join(folder, "DC1.pdf"), os.path.join(folder, "offre.pdf")
        with open(self.candidature, "wb") as out:
            out.write(os.urandom(4096))
        with open(self.offer, "wb") as out:
            out.write(os.urandom(int(size * 1048576)))
        self.state = os.path.join(folder, "state")
        self.receipts, self.durations, self.attempts, self.errors = [], [], 0, []

    def deposit(self, new):
        command = [self.assistant, "deposit", "--platform", self.platform, "--consultation", CONSULTATION,
                   "--envelope", f"candidature={self.candidature}", "--envelope", f"offre={self.offer}",
                   "--login", LOGIN, "--state-dir", self.state, "--retries", "4", "--json"]
        self.attempts += 1
        started = time.monotonic()
        done = subprocess.run(command + (["--new"] if new else []), capture_output=True, text=True,
                              env=dict(os.environ, SCEAU_PLATFORM_PASSWORD=PASSWORD), timeout=600)
        took = time.monotonic() - started
        if done.returncode != 0 or took > 30:
            log(f"bidder {self.index}: exit {done.returncode} after {took:.1f} s")
        return done.returncode, done.stdout, done.stderr

    def run(self):
        new = False
        while len(self.receipts) < self.rounds or (self.rounds == 0 and not self.stop.is_set()):
            started, status = time.monotonic(), None
            for _ in range(40):
                status, out, err = self.deposit(new)
                if status == 0:
                    break
                self.errors.append(f"exit {status}: {(err.strip().splitlines() or [''])[-1]}")
                time.sleep(0.5)
            if status != 0:
                return
            self.receipts.append(json.loads(out)["receipt"])
            self.durations.append(time.monotonic() - started)
            new = True
            if self.stop.is_set() and self.rounds == 0:
                return


def fill_disk(folder):
    """Fills the file system of `folder` to its last half-mebibyte; returns the ballast's path."""
    ballast = os.path.join(folder, "ballast")
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(ballast, "wb") as out:
        remaining = max(free - 512 * 1024, 0)
        block = b"\0" * 1048576
        try:
            while remaining > 0:
                remaining -= out.write(block[: min(len(block), remaining)])
        except OSError:
            pass
    return ballast


def faults(nodes, database, data, mounted, first_receipt, tally):
    """The faults, one after the other, each while deposits are under way."""
    first_receipt.wait(120)
    victim = nodes[0]
    log(f"fault: kill -9 {victim.name}")
    victim.kill()
    time.sleep(2)
    victim.start()
    wait_until(lambda: ready(victim.port), 90, f"{victim.name} ready after its restart")
    log(f"fault: {victim.name} restarted and ready")
    time.sleep(2)
    log("fault: PostgreSQL restart")
    database.stop()
    time.sleep(1.5)
    database.start()
    wait_until(lambda: all(ready(n.port) for n in nodes), 90, "every node ready after PostgreSQL's restart")
    log("fault: PostgreSQL back, every node ready")
    time.sleep(2)
    if mounted:
        ballast = fill_disk(data)
        log(f"fault: shared disk full ({os.statvfs(data).f_bavail * os.statvfs(data).f_frsize} bytes left)")
        time.sleep(4)
        os.remove(ballast)
        log("fault: shared disk freed")
    else:
        log("SKIPPED the disk-full fault: the data directory could not be mounted as a tmpfs (needs root)")
    time.sleep(2)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * fraction + 0.999) - 1))] if ordered else 0


def check(tally, bidders, database, data, platform_bin, faulted):
    receipts = [r for b in bidders for r in b.receipts]
    tally.check("every bidder got a receipt", all(b.receipts for b in bidders),
                "; ".join(f"bidder {b.index}: {b.errors[-3:]}" for b in bidders if not b.receipts))
    rows = {int(r[0]): r for r in database.query("select id, state, completed_at, receipt_json from deposits")}
    wrong = [r["depositId"] for r in receipts if r["depositId"] not in rows or rows[r["depositId"]][1] not in
             ("complet", "remplace")]
    tally.check("every receipted deposit is complete", not wrong, f"deposits {wrong}")
    differing = []
    for receipt in receipts:
        row = rows.get(receipt["depositId"])
        stored = json.loads(row[3]) if row and row[3] else {}
        if (stored.get("journal"), stored.get("receivedAt"), [f["sha256"] for f in stored.get("files", [])]) != (
                receipt["journal"], receipt["receivedAt"], [f["sha256"] for f in receipt["files"]]):
            differing.append(receipt["depositId"])
    tally.check("each receipt is the one the database holds (none issued twice)", not differing,
                f"deposits {differing}")
    ids = [r["depositId"] for r in receipts]
    tally.check("no deposit receipted twice to its bidder", len(ids) == len(set(ids)))
    completions = database.query("select subject_id, count(*) from journal where action = 'deposit.completed' "
                                 "group by subject_id having count(*) > 1")
    tally.check("the journal records one completion per deposit", not completions, str(completions))
    half = database.query("select id, state from deposits where (state = 'en-cours' and (completed_at is not null "
                          "or receipt_json is not null)) or (state <> 'en-cours' and (completed_at is null or "
                          "receipt_json is null))")
    tally.check("no deposit half-completed", not half, str(half))
    bad_files = []
    for receipt in receipts:
        for file in receipt["files"]:
            path = os.path.join(data, "files", file["sha256"][:2], file["sha256"][2:])
            digest = hashlib.sha256()
            try:
                with open(path, "rb") as stored:
                    for block in iter(lambda: stored.read(1 << 20), b""):
                        digest.update(block)
                size = os.path.getsize(path)
            except OSError as error:
                bad_files.append(f"{file['name']}: {error}")
                continue
            if digest.hexdigest() != file["sha256"] or size != file["size"]:
                bad_files.append(f"{file['name']}: stored {digest.hexdigest()} ({size} bytes)")
    tally.check("every receipted file stored with the SHA-256 and size the bidder sent", not bad_files,
                "; ".join(bad_files[:5]))
    verify = subprocess.run([platform_bin, "journal", "verify", "--database-url", database.url, "--data-dir", data],
                            capture_output=True, text=True)
    tally.check("journal verify: intact", verify.returncode == 0, verify.stdout + verify.stderr)
    if faulted:
        retried = sum(1 for b in bidders if b.attempts > len(b.receipts))
        log(f"bidders who had to run their command again: {retried} of {len(bidders)}")
        incidents = database.query("select node, count(*) from deposit_incidents group by node order by node")
        log("platform incidents shown to the bidders on their company space: "
            + (", ".join(f"{count} on {node}" for node, count in incidents) or "none"))
    for bidder in bidders:
        for error in bidder.errors:
            log(f"bidder {bidder.index}: {error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bin_dir")
    parser.add_argument("run_dir")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--bidders", type=int, default=6)
    parser.add_argument("--size", type=float, default=1, help="the offer's size in MiB")
    parser.add_argument("--rounds", type=int, default=0,
                        help="deposits per bidder (0: until the faults are over, at least one)")
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--disk-mib", type=int, default=0, help="the tmpfs's size (default: enough for the rush)")
    args = parser.parse_args()
    run = os.path.join(os.path.abspath(args.run_dir), "cluster-faults")
    shutil.rmtree(run, ignore_errors=True)
    os.makedirs(run)
    os.chmod(run, 0o755)
    platform_bin = os.path.join(args.bin_dir, "sceau-platform")
    assistant = os.path.join(args.bin_dir, "sceau-assistant")
    tally, stop = Tally(), threading.Event()
    database, nodes, proxy, mounted = Postgres(run), [], None, False
    data = os.path.join(run, "data")
    os.makedirs(data)
    rounds = max(args.rounds, 1)
    disk = args.disk_mib or int(args.bidders * args.size * (rounds + 3) * 3 + 96)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={disk}m", "tmpfs", data],
                             capture_output=True).returncode == 0
    try:
        database.start()
        subprocess.run([platform_bin, "demo-data", "--database-url", database.url, "--data-dir", data], check=True,
                       stdout=subprocess.DEVNULL)
        nodes = [Node(i + 1, args.bin_dir, run, database.url, data) for i in range(args.nodes)]
        for node in nodes:
            node.start()
        for node in nodes:
            wait_until(lambda: ready(node.port), 120, f"{node.name} ready")
        proxy_port = free_port()
        proxy = subprocess.Popen(["haproxy", "-db", "-f", haproxy_config(run, proxy_port, nodes)],
                                 stdout=open(os.path.join(run, "haproxy.log"), "ab"), stderr=subprocess.STDOUT)
        wait_until(lambda: ready(proxy_port), 30, "HAProxy answering")
        log(f"{args.nodes} node(s) behind HAProxy on {proxy_port}, PostgreSQL on {database.port}, data on "
            f"{'a ' + str(disk) + ' MiB tmpfs' if mounted else 'the run directory'}; {args.bidders} bidders, "
            f"{args.size} MiB offers")
        bidders = [Bidder(i, assistant, f"http://127.0.0.1:{proxy_port}", run, args.size,
                          args.rounds, stop) for i in range(args.bidders)]
        first_receipt = threading.Event()
        started = time.monotonic()
        for bidder in bidders:
            bidder.start()
        watcher = threading.Thread(target=lambda: (wait_until(lambda: any(b.receipts for b in bidders), 300,
                                                              "a first receipt"), first_receipt.set()),
                                   daemon=True)
        watcher.start()
        if not args.no_faults:
            faults(nodes, database, data, mounted, first_receipt, tally)
        stop.set()
        for bidder in bidders:
            bidder.join()
        elapsed = time.monotonic() - started
        receipts = [r for b in bidders for r in b.receipts]
        sent = sum(f["size"] for r in receipts for f in r["files"])
        durations = [d for b in bidders for d in b.durations]
        print(f"{len(receipts)} deposits in {elapsed:.1f} s through {args.nodes} node(s): "
              f"{len(receipts) / elapsed:.2f} deposits/s, {sent / 1048576 / elapsed:.1f} MiB/s; deposit command "
              f"p50 {percentile(durations, 0.5):.2f} s, p99 {percentile(durations, 0.99):.2f} s; "
              f"commands run {sum(b.attempts for b in bidders)}", flush=True)
        died = [f"{n.name} (exit {n.process.returncode})" for n in nodes if n.process.poll() is not None]
        tally.check("no node died on its own", not died, ", ".join(died) + ": read its log in " + run)
        check(tally, bidders, database, data, platform_bin, not args.no_faults)
    finally:
        stop.set()
        if proxy:
            proxy.terminate()
        for node in nodes:
            node.stop()
        try:
            database.stop()
        except subprocess.CalledProcessError:
            pass
        if mounted:
            subprocess.run(["umount", "-l", data])
    print(tally.summary())


if __name__ == "__main__":
    main()
