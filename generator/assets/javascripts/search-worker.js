/*
 * The search worker behind Material's search box. Material's page talks to it with four messages
 * (SETUP with the index, READY, QUERY with the typed words, RESULT with the results); what search
 * finds for which words is decided in generator/search.py, and this file only runs it.
 *
 * On the published site the index Material's page downloads holds no documents, only where
 * Pagefind's chunked index is (config.pagefind): this worker answers each query with Pagefind, which
 * downloads only the pieces of the index the query's words need, and the first results' text. The
 * results go back in Material's own shape, so the search box looks and behaves as Material's:
 * for each page its title, the section that matched best with a sentence of it, the other
 * sections under "more on this page".
 *
 * In the offline copy (and any site whose index has documents) Material's own worker (lunr) answers:
 * it runs in a frame there (web/iframe-worker.js), where importScripts loads a script by address
 * from the page's folder, so the address of Material's worker is made absolute from this file's own.
 * The plugin writes the name of Material's worker in place of the placeholder.
 *
 * Both ways, the small words of a query are taken out first. Material and Pagefind match every word
 * as the start of a word, so "me" would find "memo" and "my" would find "myths"; and Pagefind shows
 * only pages that have every word of the query.
 */
(function () {
  "use strict";
  var here = self.document && self.document.currentScript ? self.document.currentScript.src : self.location.href;
  var MATERIAL = new URL("__MATERIAL_SEARCH_WORKER__", here).href;
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var SHOWN = 10; // results with their text: Material shows ten at first
  var framed = !!self.document; // the offline copy's stand-in for Worker
  var materialLoaded = false;
  var engine = null; // Pagefind's settings, from the published index's config
  var pagefind = null; // the promise of Pagefind's module, loaded with the first query
  var latest = 0;

  function loadMaterial() {
    if (!materialLoaded) {
      materialLoaded = true;
      importScripts(MATERIAL);
    }
  }

  function isStopWord(word) {
    if (engine) return engine.stopWords.indexOf(word) !== -1;
    return self.lunr ? self.lunr.stopWordFilter(word) === undefined : false;
  }

  function withoutStopWords(query) {
    var words = query.split(/\s+/);
    var kept = words.filter(function (word) {
      return !/^[a-z]+$/i.test(word) || !isStopWord(word.toLowerCase());
    });
    return kept.join("").length ? kept.join(" ") : query;
  }

  /* Pagefind's module, loaded once. A load that fails (a dropped connection, a file cut short) is tried
     again at once and with the next query, each time at a new address: a browser keeps a module that
     failed to load at its address for the worker's life, so the same address would fail forever. */
  var LOAD_TRIES = 2; // per query
  var loads = 0;

  function loadPagefind() {
    var base = new URL(engine.path, new URL(engine.root, self.location.href)).href;
    loads += 1;
    return import(base + "pagefind.js" + (loads > 1 ? "?load=" + loads : "")).then(function (module) {
      if (typeof module.options !== "function") throw new Error("pagefind.js came without Pagefind in it");
      return module.options({ basePath: base, baseUrl: "/", excerptLength: engine.excerptLength, ranking: engine.ranking })
        .then(function () { return module; });
    });
  }

  function startPagefind() {
    if (!pagefind) {
      var tried = 0;
      var attempt = function () {
        tried += 1;
        return loadPagefind().catch(function (error) {
          if (tried < LOAD_TRIES) return attempt();
          pagefind = null; // the next query tries again
          throw error;
        });
      };
      pagefind = attempt();
    }
    return pagefind;
  }

  function wordsOf(query) {
    return query.toLowerCase().split(/\s+/).filter(function (word) { return word.length; });
  }

  /* Each page scored as Material scores it with lunr in the offline copy: the sum of what each word
     of the query scores on it, times the page's weight, times (1 + (1 + share of the words it has)²):
     a page with every word comes first unless another matches the words that count far better.
     Pagefind itself shows only pages with every word; each word is searched on its own instead,
     which downloads the same pieces of the index. */
  function rank(module, query) {
    var words = wordsOf(query);
    var searches = words.map(function (word) { return module.search(word); });
    var boosts = [];
    // The pages of each weight, among those with a word of the query: the same pieces of the index, and
    // the small filter file (a search by the filter alone would download the whole index).
    engine.boosts.forEach(function (boost) {
      var filters = {};
      filters[engine.boostFilter] = boost;
      words.forEach(function (word) {
        boosts.push(parseFloat(boost));
        searches.push(module.search(word, { filters: filters }));
      });
    });
    return Promise.all(searches).then(function (found) {
      var boostOf = {};
      found.slice(words.length).forEach(function (search, i) {
        search.results.forEach(function (result) { boostOf[result.id] = boosts[i]; });
      });
      var pages = {};
      found.slice(0, words.length).forEach(function (search) {
        search.results.forEach(function (result) {
          var page = pages[result.id] || (pages[result.id] = { result: result, matched: 0, score: 0 });
          page.matched += 1;
          page.score += result.score;
        });
      });
      return Object.keys(pages).map(function (id) {
        var page = pages[id];
        var share = page.matched / words.length;
        page.score *= (boostOf[id] || 1) * (1 + Math.pow(1 + share, 2));
        return page;
      }).sort(function (a, b) { return b.score - a.score; });
    });
  }

  function weightOf(locations) {
    return (locations || []).reduce(function (sum, location) { return sum + location.balanced_score; }, 0);
  }

  /* Pagefind returns a page's text as written (its titles plain, its excerpts with <mark> around the
     words found and nothing escaped), and Material shows what it is given as HTML: a title such as
     "Paused</title><script>…" would become an element. Everything is escaped; only the marks stay. */
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function safeExcerpt(excerpt) {
    return escapeHtml(excerpt).replace(/&lt;(\/?)mark&gt;/g, "<$1mark>");
  }

  /* One page as Material's result: its documents (the page, its sections), the best first. */
  function item(data, score, terms) {
    var location = (data.raw_url || data.url).replace(/^\//, "").split("#")[0]; // a long page is a record per section
    var title = escapeHtml(data.meta.title || location);
    var sections = (data.sub_results || []).map(function (sub) {
      var anchor = sub.anchor && sub.anchor.id ? "#" + sub.anchor.id : "";
      return { location: location + anchor, title: anchor ? escapeHtml(sub.title) : title, text: sub.excerpt ? "<p>" + safeExcerpt(sub.excerpt) + "</p>" : "",
        weight: weightOf(sub.weighted_locations) };
    });
    var page = sections.filter(function (section) { return section.location === location; })[0] ||
      { location: location, title: title, text: "" };
    var others = sections.filter(function (section) { return section !== page; })
      .sort(function (a, b) { return b.weight - a.weight; });
    var best = others.length && others[0].weight > (page.weight || 0) ? others.shift() : null;
    var docs = [];
    if (best) docs.push({ location: best.location, title: best.title, text: best.text, score: score, terms: terms });
    docs.push({ location: location, title: title, text: page.text || (best ? "" : "<p>" + safeExcerpt(data.excerpt) + "</p>"), score: score, terms: terms });
    others.forEach(function (section, i) {
      if (section.weight > 0) docs.push({ location: section.location, title: section.title, text: section.text, score: score / (2 + i), terms: terms });
    });
    return docs;
  }

  /* Sections of one page found as records of their own (generator/search.py: RECORD_WORDS) are one
     result, as in Material's: the first found leads, the others follow under "more on this page". */
  function byPage(items) {
    var pages = {}, merged = [];
    items.forEach(function (docs) {
      var page = docs.filter(function (doc) { return doc.location.indexOf("#") === -1; })[0];
      var earlier = pages[page.location];
      if (!earlier) {
        pages[page.location] = docs;
        merged.push(docs);
        return;
      }
      var least = Math.min.apply(null, earlier.map(function (doc) { return doc.score; }));
      docs.forEach(function (doc) {
        if (doc === page || earlier.some(function (known) { return known.location === doc.location; })) return;
        earlier.push({ location: doc.location, title: doc.title, text: doc.text, score: least * 0.99, terms: doc.terms });
        least *= 0.99;
      });
    });
    return merged;
  }

  function answer(query, asked) {
    var words = wordsOf(query);
    var terms = {};
    words.forEach(function (word) { terms[word] = true; }); // every result answers the words (see generator/search.py)
    if (!words.length) return Promise.resolve({ items: [] });
    return startPagefind().then(function (module) {
      return rank(module, query);
    }).then(function (pages) {
      if (asked !== latest) return null; // a newer query is on its way: its answer counts
      var shown = pages.slice(0, SHOWN);
      return Promise.all(shown.map(function (page) { return page.result.data(); })).then(function (data) {
        // The texts may come after a newer query's answer (a slow connection): shown now, they would
        // replace it, and the list would answer words no longer in the box.
        if (asked !== latest) return null;
        return { items: byPage(data.map(function (page, i) { return item(page, shown[i].score, terms); })) };
      });
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || event.__mfpForwarded) return;
    if (message.type === SETUP) {
      var config = message.data && message.data.config && message.data.config.pagefind;
      if (config && !framed) {
        event.stopImmediatePropagation();
        engine = config;
        self.postMessage({ type: READY });
        return;
      }
      if (!framed && !materialLoaded) {
        // Material's worker adds its listener only now: hand it this message once it listens.
        event.stopImmediatePropagation();
        loadMaterial();
        var forwarded = new MessageEvent("message", { data: message });
        forwarded.__mfpForwarded = true;
        self.dispatchEvent(forwarded);
        return;
      }
    }
    if (message.type === QUERY && typeof message.data === "string") {
      message.data = withoutStopWords(message.data);
      if (engine) {
        event.stopImmediatePropagation();
        var asked = ++latest;
        answer(message.data, asked).then(function (result) {
          if (result) self.postMessage({ type: RESULT, data: result });
        }, function (error) {
          console.warn("Search failed:", error);
          self.postMessage({ type: RESULT, data: { items: [] } });
        });
      }
    }
  });
  if (framed) loadMaterial();
})();
