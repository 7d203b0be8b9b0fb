/*
 * The worker's global functions inside the frame that web/iframe-worker.js opens: postMessage goes
 * to the page, importScripts loads scripts one after another, and an error is reported to the page
 * under the worker script's address (read from its data-worker attribute). Bundled by
 * `npm run build` into generator/static/iframe-worker-scope.js.
 */
window.postMessage = (data) => parent.postMessage(data, "*");
window.importScripts = (...urls) =>
  urls.reduce(
    (previous, url) =>
      previous.then(
        () =>
          new Promise((resolve) => {
            const script = document.createElement("script");
            script.src = url;
            script.onload = resolve;
            document.body.appendChild(script);
          }),
      ),
    Promise.resolve(),
  );
window.addEventListener("error", ({ message, error }) => {
  const worker = document.querySelector("script[data-worker]");
  parent.dispatchEvent(new ErrorEvent("error", { message, error, filename: worker ? worker.getAttribute("data-worker") : "" }));
});
