#!/usr/bin/env python3
"""Opens graph.html from disk in headless Chromium and checks what a person would see.

Drives Chromium through the DevTools protocol over --remote-debugging-pipe (JSON
messages ended by NUL on fds 3 and 4), so it needs nothing but python3 and chromium.

usage: check_html.py CHROMIUM GRAPH_HTML EXPECT_JSON SCREENSHOT_PNG

EXPECT_JSON holds {"entities": N, "relations": M, "label": name to search,
"iri": IRI it must select, "evidence": a sentence the details panel must show}.
Checks: #kg-stats reads "N entities, M relations" once drawn; Cytoscape drew N nodes
and M edges; typing the label into the search box selects that node and shows the
evidence; the page requested nothing but file:/data: URLs and threw no exception.
Saves a screenshot. Exit 0 when all hold, 1 otherwise (each failure printed).
"""
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time

TIMEOUT = 90  # seconds for the whole run


class Browser:
    def __init__(self, chromium, url, profile):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():  # the child reads commands on fd 3 and writes replies on fd 4
            # Moved out of the way first, since either end may itself be fd 3 or 4.
            r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-debugging-pipe", "--user-data-dir=" + profile,
                "--window-size=1400,900", url]
        self.proc = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=fds,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self.from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main():
    chromium, html, expect_file, screenshot = sys.argv[1:5]
    expect = json.load(open(expect_file))
    failures = []

    def check(ok, what):
        print(("ok: " if ok else "FAIL: ") + what)
        if not ok:
            failures.append(what)

    url = "file://" + os.path.abspath(html)
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        browser = Browser(chromium, "about:blank", profile)
        try:
            page = next(t for t in browser.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
            session = browser.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Network"):
                browser.send(domain + ".enable", session=session)
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
            browser.send("Page.navigate", {"url": url}, session=session)

            def evaluate(expression):
                r = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                 session=session)
                if "exceptionDetails" in r:
                    raise RuntimeError(f"{expression}: {r['exceptionDetails'].get('text')}")
                return r["result"].get("value")

            deadline = time.time() + 60
            stats = ""
            while time.time() < deadline:
                stats = evaluate("(document.getElementById('kg-stats') || {}).textContent || ''")
                if stats:
                    break
                time.sleep(0.2)
            want = f"{expect['entities']} entities, {expect['relations']} relations"
            check(stats == want, f"#kg-stats reads {stats!r}, expected {want!r}")
            drawn = evaluate("window.kgView && kgView.cy ? [kgView.cy.nodes(':visible').length, "
                             "kgView.cy.edges(':visible').length] : null")
            check(drawn == [expect["entities"], expect["relations"]],
                  f"Cytoscape drew {drawn} nodes and edges, expected {[expect['entities'], expect['relations']]}")

            evaluate("document.getElementById('kg-search').focus()")
            browser.send("Input.insertText", {"text": expect["label"]}, session=session)
            time.sleep(0.5)  # the selection animates for 200 ms
            selected = evaluate("kgView.cy.$('node:selected').map(n => n.id())")
            check(selected == [expect["iri"]], f"search for {expect['label']!r} selected {selected}")
            details = evaluate("document.getElementById('kg-details').textContent")
            check(expect["label"] in details, "the details panel names the entity")
            check(expect["evidence"] in details, f"the details panel shows the evidence {expect['evidence'][:60]!r}")
            check(expect["source"] in details, f"the details panel names the source {expect['source']!r}")

            shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            print("screenshot: " + screenshot)

            requests = [e["params"]["request"]["url"] for e in browser.events
                        if e.get("method") == "Network.requestWillBeSent"]
            remote = [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
            check(not remote, f"no request leaves the disk (saw {remote[:3]})")
            errors = [e["params"]["exceptionDetails"].get("text", "") for e in browser.events
                      if e.get("method") == "Runtime.exceptionThrown"]
            check(not errors, f"no script error (saw {errors[:3]})")
        finally:
            browser.close()
    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("check_html: timed out after %d s" % TIMEOUT))
    signal.alarm(TIMEOUT)
    sys.exit(main())
