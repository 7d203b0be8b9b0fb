/*
 * The reader's exchange: chosen once, then every situation shows only that exchange's steps.
 *
 * A situation whose steps differ by exchange carries one block per platform (data-platform); without
 * JavaScript all of them show, one after another, with jump links. Here the choice comes from the
 * address first (?platform=okx, so a shared link shows the sender's exchange), then from this
 * browser's storage; it is chosen on the start page (data-mfp-chooser), a platform's page
 * (data-mfp-choose) or a situation's jump links. Once chosen, the other blocks are hidden (and so
 * not printed) and the address carries the choice, ready to be copied. Nothing leaves the browser.
 * Material's instant navigation swaps pages without reloading, so setup runs on every page it
 * announces through document$.
 */
(function () {
  "use strict";

  var KEY = "mfp-platform";
  var PARAM = "platform";

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // storage disabled: the choice lasts as long as the address carries it
    }
  }

  function store(id) {
    try {
      window.localStorage.setItem(KEY, id);
    } catch (error) {
      /* see stored() */
    }
  }

  /* The platform the address names: ?platform=ID (a shared link), or #on-ID (a platform's page links
     to its steps that way, so a crawler sees one address per situation, not one per platform). */
  function fromAddress() {
    var hash = /^#on-([a-z0-9-]+)$/.exec(window.location.hash);
    return new URLSearchParams(window.location.search).get(PARAM) || (hash ? hash[1] : null);
  }

  function putInAddress(id) {
    var url = new URL(window.location.href);
    if (url.searchParams.get(PARAM) === id) return;
    url.searchParams.set(PARAM, id);
    window.history.replaceState(window.history.state, "", url.href);
  }

  function ids(blocks) {
    return blocks.map(function (block) { return block.getAttribute("data-platform"); });
  }

  /* Show one platform's steps, hide the others, and mark the jump link of the shown one. */
  function show(blocks, id) {
    blocks.forEach(function (block) {
      block.hidden = block.getAttribute("data-platform") !== id;
    });
    document.querySelectorAll("[data-platform-link]").forEach(function (link) {
      if (link.getAttribute("data-platform-link") === id) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  function choose(id) {
    store(id);
    putInAddress(id);
  }

  function setupSituation() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll(".mfp-variant[data-platform]"));
    if (!blocks.length) return;
    var known = ids(blocks);
    var wanted = fromAddress();
    var id = known.indexOf(wanted) >= 0 ? wanted : stored();
    if (known.indexOf(id) < 0) return; // no choice yet: every platform's steps stay in view
    if (id === wanted) store(id);
    putInAddress(id);
    show(blocks, id);
    var nav = document.querySelector("[data-mfp-platforms]");
    if (nav) nav.classList.add("mfp-platforms--chosen");
  }

  function setupChooser() {
    var form = document.querySelector("[data-mfp-chooser]:not([data-ready])");
    if (!form) return;
    form.setAttribute("data-ready", "yes");
    var current = fromAddress() || stored();
    form.querySelectorAll("input[name='mfp-platform']").forEach(function (input) {
      input.checked = input.value === current;
      input.addEventListener("change", function () { if (input.checked) choose(input.value); });
    });
    if (current && form.querySelector("input[value='" + CSS.escape(current) + "']")) putInAddress(current);
    form.hidden = false;
  }

  function setupPlatformPage() {
    var holder = document.querySelector("[data-mfp-choose]:not([data-ready])");
    if (!holder) return;
    holder.setAttribute("data-ready", "yes");
    var id = holder.getAttribute("data-mfp-choose");
    var button = holder.querySelector("button");
    function label() { button.setAttribute("aria-pressed", String(stored() === id)); }
    button.addEventListener("click", function () { choose(id); label(); });
    label();
    holder.hidden = false;
  }

  /* A jump link on a situation chooses that platform: its steps show, the others hide. */
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("[data-platform-link]") : null;
    if (!link) return;
    var blocks = Array.prototype.slice.call(document.querySelectorAll(".mfp-variant[data-platform]"));
    var id = link.getAttribute("data-platform-link");
    choose(id);
    show(blocks, id);
  });

  function setup() {
    setupSituation();
    setupChooser();
    setupPlatformPage();
  }

  // Both, as in checklists.js: document$ announces pages that instant navigation swaps in, but never
  // fires in the offline copy opened from disk; setup is safe to run twice on one page.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  }
})();
