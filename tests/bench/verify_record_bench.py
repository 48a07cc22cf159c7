"""How long the standalone verifier takes on a large log, and how much memory it needs.

Writes a 100,000-entry record (every tenth entry with a comment text kept beside it, a
signed checkpoint with its Merkle tree root every 1,000 entries), then runs
``tools/verify_record.py`` on it in a fresh Python process, as a board member would, and
prints the time and peak memory.
Run by ``make bench``; not part of CI.

    .venv/bin/python tests/bench/verify_record_bench.py [--entries 100000]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools import verify_record as v  # noqa: E402


def write_record(path: Path, entries: int) -> int:
    key = Ed25519PrivateKey.generate()
    public = base64.b64encode(key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()
    lines, checkpoints, previous = [], [], v.GENESIS_HASH
    tree = v.MerkleTree()  # each checkpoint signs the tree root, as the portal's do
    for seq in range(1, entries + 1):
        at = f"2026-{1 + seq % 12:02d}-{1 + seq % 28:02d}T10:{seq % 60:02d}:00+00:00"
        texts = None
        payload = {"comment": seq, "revision": seq // 3, "section": "Who can get transport"}
        if seq % 10 == 0:
            salt, text = f"{seq:032x}", f"<p>Comment {seq}: the bus came late again.</p>"
            payload["body"] = {"text_sha256": v.text_hash(salt, text)}
            texts = {"body": {"salt": salt, "text": text}}
        payload_json = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        digest = v.entry_hash(version=2, sequence=seq, kind="comment_made", subject="page:7",
                              recorded_at=at, payload_json=payload_json, previous_hash=previous)
        line = {"type": "entry", "sequence": seq, "version": 2, "kind": "comment_made",
                "subject": "page:7", "recorded_at": at, "payload": payload_json,
                "previous_hash": previous, "entry_hash": digest}
        if texts:
            line["texts"] = texts
        lines.append(json.dumps(line))
        previous = digest
        tree.append(digest)
        if seq % 1000 == 0:
            made_at = f"2026-12-01T00:00:{seq // 1000 % 60:02d}+00:00"
            root = tree.root()
            note = v.checkpoint_note(origin="bench", count=seq, head_hash=digest,
                                     made_at=made_at, tree_root=root)
            signature = base64.b64encode(key.sign(note.encode())).decode()
            checkpoints.append(json.dumps(v.Checkpoint(
                count=seq, head_hash=digest, made_at=made_at, origin="bench",
                public_key=public, signature=signature, reason="daily",
                tree_root=root).as_json()))
    header = json.dumps({"type": "header", "format": v.FORMAT, "origin": "bench",
                         "exported_at": "2026-12-01T00:00:00+00:00", "public_key": public,
                         "texts": "included", "entries": entries})
    path.write_text("\n".join([header, *checkpoints, *lines]) + "\n", encoding="utf-8")
    return len(checkpoints)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--write", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        print(write_record(Path(args.write), args.entries))
        return
    with tempfile.TemporaryDirectory(prefix="verify-bench-") as folder:
        path = Path(folder) / "evidence-log.jsonl"
        # Written by another process, so this one stays small: a child's peak memory
        # starts from its parent's size when it is forked.
        checkpoints = int(subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--entries", str(args.entries), "--write", str(path)],
            capture_output=True, text=True, check=True).stdout)
        size = path.stat().st_size
        out = Path(folder) / "out.txt"
        start = time.perf_counter()
        with open(out, "w") as handle:
            child = subprocess.Popen(  # noqa: S603
                [sys.executable, str(ROOT / "tools" / "verify_record.py"), str(path)],
                stdout=handle, stderr=subprocess.STDOUT)
            _pid, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        peak_kb = usage.ru_maxrss  # this child's own peak
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"The verifier found problems in a clean log:\n{out.read_text()}")
    print(f"Standalone verifier on {args.entries:,} entries ({size / 1e6:.1f} MB, "
          f"{checkpoints} signed checkpoints, {args.entries // 10:,} texts): "
          f"{seconds:.2f} s, peak memory {peak_kb / 1024:.0f} MB (whole process).")


if __name__ == "__main__":
    main()
