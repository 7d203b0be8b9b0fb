/*
 * Triage: an answer that leads to a follow-up question on the same page moves the keyboard focus to
 * that question, so the next Tab reaches its answers. Browsers do this for a plain in-page link,
 * but Material's instant navigation handles those links itself and leaves the focus behind.
 * The question headings carry tabindex="-1" (generator/templates/start.md.j2) so they can take it.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.mfp-option") : null;
    if (!link) return;
    var url = new URL(link.href, window.location.href);
    if (url.pathname !== window.location.pathname || !url.hash) return;
    var question = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (question) window.setTimeout(function () { question.focus(); }, 0);
  });
})();
