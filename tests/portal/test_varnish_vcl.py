"""The front end's own rules (``deploy/varnish.vcl``) run in a real Varnish in front of two
small HTTP servers standing in for the app servers: a form post that one app server drops
(killed mid-request) reaches the other with its body whole, and when neither answers the
page says plainly that nothing was sent, in the address's language.

Needs ``varnishd`` (Debian's ``varnish``; ``scripts/ensure-varnish.sh`` installs it, as CI
does); skipped where it is missing."""

import http.client
import re
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish.vcl"

pytestmark = pytest.mark.skipif(shutil.which("varnishd") is None,
                                reason="varnishd is not installed (scripts/ensure-varnish.sh)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _AppServer(BaseHTTPRequestHandler):
    """Answers the probe's GET; stores each POST body, or, when ``drops_posts``, closes the
    connection without answering, as an app server killed mid-request does."""

    drops_posts = False
    bodies: list

    def do_GET(self):  # noqa: N802 (the HTTP method's name)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.drops_posts:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.bodies.append(body)
        self.send_response(200)
        self.send_header("Content-Length", "6")
        self.end_headers()
        self.wfile.write(b"stored")

    def log_message(self, *args):
        pass


def _server(drops_posts: bool):
    handler = type("Handler", (_AppServer,), {"drops_posts": drops_posts, "bodies": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler


@pytest.fixture
def front_end(tmp_path):
    """Start Varnish with the project's VCL, its two backends pointed at ``app_a`` (drops
    posts) and ``app_b`` (stores them). Yields (port, app_b's handler, start) where
    ``start(with_b=False)`` can leave app B down instead."""
    started = []

    def start(with_b: bool = True):
        a, _ = _server(drops_posts=True)
        started.append(a)
        if with_b:
            b, b_handler = _server(drops_posts=False)
            started.append(b)
            port_b = b.server_address[1]
        else:
            b_handler, port_b = None, _free_port()  # nothing listens there
        vcl = (VCL.read_text().replace('"8001"', f'"{a.server_address[1]}"')
               .replace('"8002"', f'"{port_b}"').replace('"8009"', f'"{_free_port()}"'))
        (tmp_path / "test.vcl").write_text(vcl)
        port = _free_port()
        process = subprocess.Popen(  # noqa: S603
            ["varnishd", "-F", "-j", "none", "-a", f"127.0.0.1:{port}",  # noqa: S607
             "-T", f"127.0.0.1:{_free_port()}", "-f", str(tmp_path / "test.vcl"),
             "-s", "malloc,16m", "-n", str(tmp_path / "varnish")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(1.5)  # a probe round, so the director has a server it calls alive
        return port, b_handler

    yield start
    for thing in started:
        if isinstance(thing, subprocess.Popen):
            thing.terminate()
            thing.wait(timeout=10)
        else:
            thing.shutdown()


def _post(port: int, path: str, body: bytes):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", path, body=body,
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    return response.status, response.read().decode(), dict(response.getheaders())


def test_a_post_one_app_server_drops_is_sent_to_the_other_whole(front_end):
    port, app_b = front_end()
    bodies = [f"answer=Two+miles+is+too+far+{n}".encode() + b"&x=" + b"y" * 5000
              for n in range(6)]
    # Round robin sends about half of these to app A first, which drops them.
    results = [_post(port, "/consultations/x/respond/", body) for body in bodies]
    assert [status for status, _, _ in results] == [200] * 6
    assert sorted(app_b.bodies) == sorted(bodies)


@pytest.mark.parametrize(("path", "lang", "words"), [
    ("/consultations/x/respond/", 'lang="en-GB"', "Nothing has been sent"),
    ("/pl/consultations/x/respond/", 'lang="pl"', "Nic nie zostało wysłane"),
    ("/ar/consultations/x/respond/", 'dir="rtl"', "لم يُرسَل شيء"),
])
def test_with_no_app_server_answering_the_page_says_nothing_was_sent(front_end, path, lang,
                                                                      words):
    port, _ = front_end(with_b=False)
    status, page, headers = _post(port, path, b"answer=Two+miles")
    assert status == 503
    assert lang in page and words in page
    assert re.search(r"Back", page) or "Wstecz" in page or "الرجوع" in page
    assert headers.get("Cache-Control") == "no-store"
