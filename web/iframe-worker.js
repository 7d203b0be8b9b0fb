/*
 * A stand-in for Worker in the offline copy, where browsers refuse to start a worker from file://.
 *
 * Material's search runs in a worker; Material's offline plugin suggests the iframe-worker shim,
 * which runs the worker's script in a hidden frame, but writes an inline <script> into that frame
 * whose text holds the script's address. Our pages allow no inline script that is not known at
 * build time (generator/page_safety.py), so this stand-in writes only <script src> elements: the
 * frame loads iframe-worker-scope.js (the worker's postMessage, importScripts and error reporting)
 * and then the worker's own script. Messages cross with window.postMessage and events, as in the
 * shim. Bundled by `npm run build` into generator/static/iframe-worker.js.
 */
const SCOPE = new URL("iframe-worker-scope.js", document.currentScript.src).href;

function attribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

class FrameWorker extends EventTarget {
  constructor(url) {
    super();
    this.url = String(url);
    this.onmessage = null;
    this.onerror = null;
    this.frame = document.createElement("iframe");
    this.frame.hidden = true;
    document.body.appendChild(this.frame);
    this.relay = (event) => {
      if (event.source !== this.frame.contentWindow) return;
      const message = new MessageEvent("message", { data: event.data });
      this.dispatchEvent(message);
      if (this.onmessage) this.onmessage(message);
    };
    this.failure = (event) => {
      if (event.filename !== this.url) return;
      const error = new ErrorEvent("error", { message: event.message, filename: event.filename, error: event.error });
      this.dispatchEvent(error);
      if (this.onerror) this.onerror(error);
    };
    window.addEventListener("message", this.relay);
    window.addEventListener("error", this.failure);
    const scope = this.frame.contentWindow;
    scope.document.open();
    scope.document.write(
      `<html><body><script src="${attribute(SCOPE)}"></script>` +
        `<script src="${attribute(this.url)}?${Date.now()}" data-worker="${attribute(this.url)}"></script></body></html>`,
    );
    scope.document.close();
    // After document.open(), which removes the frame window's handlers.
    this.ready = new Promise((resolve, reject) => {
      scope.onload = resolve;
      scope.onerror = reject;
    });
  }

  postMessage(data) {
    this.ready.catch(() => {}).then(() => {
      this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
    });
  }

  terminate() {
    window.removeEventListener("message", this.relay);
    window.removeEventListener("error", this.failure);
    this.frame.remove();
  }
}

window.FrameWorker = FrameWorker;
if (location.protocol === "file:") window.Worker = FrameWorker;
