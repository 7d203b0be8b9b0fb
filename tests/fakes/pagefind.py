"""A stand-in for Pagefind's binary (``PAGEFIND_BINARY_PATH``) that writes its index as the real one
does: Pagefind hands each file to a background thread (tokio's ``File::write_all``, never flushed)
and answers before the bytes reach the disk. Run to its end, the process waits for those writes (as
tokio's runtime does when it shuts down); killed after its answer, it leaves empty files. A
fresh-clone CI run saw that: ``pagefind.js`` was empty and search in Chromium said "module.options
is not a function".

Both ways the real binary is used: as a command (``--site``, ``--output-path``) and as the service of
Pagefind's Python client (``--service``: base64 JSON messages ended by a comma, on stdin and stdout).
"""

from __future__ import annotations

import base64
import json
import os
import sys
import threading
import time

LATE_S = 0.5
"""How long the writes take after the answer: longer than the Python client waits before stopping the service."""


def _write_late(site: str, output: str) -> int:
    pages = sum(name.endswith(".html") for _, _, names in os.walk(site) for name in names)
    os.makedirs(output, exist_ok=True)
    entry = {"version": "fake", "languages": {"en": {"hash": "en_0", "wasm": "en", "page_count": pages}}}
    files = {"pagefind.js": "export const options = async () => {};\nexport const search = async () => ({ results: [] });\n",
             "pagefind-entry.json": json.dumps(entry)}  # fmt: skip
    for name in files:
        open(os.path.join(output, name), "w").close()  # created at once, written later

    def write() -> None:
        time.sleep(LATE_S)
        for name, text in files.items():
            with open(os.path.join(output, name), "w", encoding="utf-8") as file:
                file.write(text)

    threading.Thread(target=write).start()  # not a daemon: an ordinary exit waits for it
    return pages


def _serve() -> None:
    site = ""
    buffer = b""
    while chunk := os.read(0, 65536):
        buffer += chunk
        while b"," in buffer:
            message, buffer = buffer.split(b",", 1)
            request = json.loads(base64.b64decode(message))
            payload = request["payload"]
            if payload["type"] == "NewIndex":
                answer = {"type": "NewIndex", "index_id": 1}
            elif payload["type"] == "AddDir":
                site = payload["path"]
                answer = {"type": "IndexedDir", "page_count": sum(n.endswith(".html") for _, _, ns in os.walk(site) for n in ns)}
            elif payload["type"] == "WriteFiles":
                _write_late(site, payload["output_path"])
                answer = {"type": "WriteFiles", "output_path": payload["output_path"]}
            else:
                answer = {"type": "Error", "message": f"the fake does not know {payload['type']}"}
            reply = json.dumps({"message_id": request["message_id"], "payload": answer}).encode()
            os.write(1, base64.b64encode(reply) + b",")


def main(args: list[str]) -> int:
    if "--service" in args:
        _serve()
        return 0
    site, output = args[args.index("--site") + 1], args[args.index("--output-path") + 1]
    print(f"Indexed {_write_late(site, output)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
