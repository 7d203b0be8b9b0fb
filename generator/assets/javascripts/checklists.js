/*
 * Checklists: ticks kept in this browser only (localStorage), progress, reset and print.
 *
 * Ticks are stored under "mfp-checklist:<id>:<version>", where the version is a fingerprint of the
 * checklist's items (data-version), so a checklist that changed never shows ticks made on another
 * version; older versions' ticks are removed. Nothing leaves the browser. Material's instant
 * navigation swaps pages without reloading, so setup runs on every page it announces through
 * document$, and once on load. Without JavaScript the boxes are
 * plain, empty and printable, and the buttons stay hidden.
 */
(function () {
  "use strict";

  var PREFIX = "mfp-checklist:";

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage disabled: the boxes still work, they are just not kept
    }
  }

  function load(store, key) {
    try {
      var ticked = JSON.parse(store.getItem(key) || "[]");
      return Array.isArray(ticked) ? ticked : [];
    } catch (error) {
      return [];
    }
  }

  function forgetOtherVersions(store, id, key) {
    var stale = [];
    for (var index = 0; index < store.length; index++) {
      var name = store.key(index);
      if (name && name.indexOf(PREFIX + id + ":") === 0 && name !== key) stale.push(name);
    }
    stale.forEach(function (name) { store.removeItem(name); });
  }

  function setUp(list) {
    if (list.getAttribute("data-ready") === "yes") return;
    list.setAttribute("data-ready", "yes");
    var store = storage();
    var id = list.getAttribute("data-checklist");
    var key = PREFIX + id + ":" + list.getAttribute("data-version");
    var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));
    var actions = list.querySelector(".mfp-checklist__actions");
    var progress = list.querySelector(".mfp-checklist__progress");

    function show() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      progress.textContent = done + " of " + boxes.length + " done";
    }

    function save() {
      if (!store) return;
      var ticked = [];
      boxes.forEach(function (box, index) { if (box.checked) ticked.push(index); });
      if (ticked.length) store.setItem(key, JSON.stringify(ticked));
      else store.removeItem(key);
    }

    if (store) {
      forgetOtherVersions(store, id, key);
      var ticked = load(store, key);
      boxes.forEach(function (box, index) { box.checked = ticked.indexOf(index) !== -1; });
    }
    boxes.forEach(function (box) {
      box.addEventListener("change", function () { save(); show(); });
    });
    list.querySelector(".mfp-checklist__reset").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      save();
      show();
    });
    list.querySelector(".mfp-checklist__print").addEventListener("click", function () { window.print(); });
    actions.hidden = false;
    show();
  }

  function setUpPage() {
    Array.prototype.forEach.call(document.querySelectorAll(".mfp-checklist[data-checklist]"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll(".mfp-pack-actions:not([data-ready])"), function (actions) {
      actions.setAttribute("data-ready", "yes");
      actions.hidden = false;
      actions.querySelector("button").addEventListener("click", function () { window.print(); });
    });
  }

  // Both: document$ announces pages that instant navigation swaps in, but it never fires when the
  // offline copy is opened from disk (file://), so the first page is also set up on load.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpPage);
  } else {
    setUpPage();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpPage);
  }
})();
