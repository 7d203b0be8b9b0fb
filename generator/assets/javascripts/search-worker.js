/*
 * The search worker: Material's own (importScripts below), with the small words of a query taken out
 * before Material reads it. Material adds a wildcard to every word it is given, so "me" would find
 * "memo" and "my" would find "myths": the words lunr leaves out of the index (its stop words) would
 * match the start of other words. Nothing else changes; what search finds for which words is decided
 * in generator/search.py.
 *
 * This listener is added before Material's worker adds its own, so it sees each query first. The
 * offline copy runs this file in a frame (web/iframe-worker.js), where importScripts loads a script
 * by address from the page's folder: the address of Material's worker is made absolute from this
 * file's own. The plugin writes the name of Material's worker in place of the placeholder.
 */
(function () {
  "use strict";
  var here = self.document && self.document.currentScript ? self.document.currentScript.src : self.location.href;
  var QUERY = 2; // Material's SearchMessageType.QUERY

  function withoutStopWords(query) {
    var words = query.split(/\s+/);
    var kept = words.filter(function (word) {
      return !/^[a-z]+$/i.test(word) || self.lunr.stopWordFilter(word.toLowerCase()) !== undefined;
    });
    return kept.join("").length ? kept.join(" ") : query;
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === QUERY && typeof message.data === "string" && self.lunr) message.data = withoutStopWords(message.data);
  });
  importScripts(new URL("__MATERIAL_SEARCH_WORKER__", here).href);
})();
