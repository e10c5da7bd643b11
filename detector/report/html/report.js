// propalint HTML report: explanations on click, keyboard navigation from hit to hit.
// Reads the hits from the JSON embedded in each article section; builds every node with
// textContent, so nothing from an article is ever parsed as HTML.
(function () {
  "use strict";
  var ui = JSON.parse(document.getElementById("ui-strings").textContent);
  var panel = document.getElementById("explain");
  var body = panel.querySelector(".explain-body");
  var position = panel.querySelector(".explain-pos");
  // Navigation follows the hits' order (the findings list), not the DOM order, which puts
  // a longer hit before a shorter one that starts at the same place.
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.article"));
  var heads = [];
  sections.forEach(function (section) {
    var marks = Array.prototype.slice.call(section.querySelectorAll("mark.hit.head"));
    marks.sort(function (a, b) { return Number(a.getAttribute("data-hit")) - Number(b.getAttribute("data-hit")); });
    heads = heads.concat(marks);
  });
  var dataCache = {};
  var current = -1;

  panel.classList.add("idle");
  position.textContent = heads.length ? "0 " + ui.of + " " + heads.length : "";

  function hitsOf(section) {
    if (!dataCache[section.id]) {
      dataCache[section.id] = JSON.parse(section.querySelector("script.hit-data").textContent);
    }
    return dataCache[section.id];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function field(dl, label, value, asCode) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", null, label));
    var dd = el("dd");
    dd.appendChild(asCode ? el("code", null, value) : document.createTextNode(String(value)));
    dl.appendChild(dd);
  }

  function card(hit) {
    var box = el("article", "card cat-" + hit.category);
    box.setAttribute("data-rule", hit.rule);
    box.appendChild(el("div", "category", hit.category_name));
    var title = el("h4", null, hit.explanation.technique_name || hit.technique);
    title.appendChild(el("code", null, hit.technique));
    box.appendChild(title);
    box.appendChild(el("p", "matched", hit.text));
    box.appendChild(el("p", "message", hit.message));
    var dl = el("dl");
    field(dl, ui.definition, hit.explanation.technique_definition);
    field(dl, ui.rule, hit.rule, true);
    field(dl, ui.position, ui.line + " " + hit.line + ", " + ui.column + " " + hit.column +
      "  \u00b7  " + hit.explanation.rule_source);
    field(dl, ui.severity, hit.severity + "  \u00b7  " + ui.confidence + " " + hit.confidence);
    field(dl, ui.pattern, hit.explanation.pattern, true);
    var evidence = hit.explanation.evidence || [];
    if (evidence.length) {
      dl.appendChild(el("dt", null, ui.evidence));
      var dd = el("dd");
      var table = el("table");
      var head = el("tr");
      [ui.element, ui.text, ui.lexicon].forEach(function (h) { head.appendChild(el("th", null, h)); });
      table.appendChild(head);
      evidence.forEach(function (ev) {
        var row = el("tr");
        var first = el("td");
        first.appendChild(el("code", null, ev.element));
        row.appendChild(first);
        row.appendChild(el("td", null, ev.text));
        row.appendChild(el("td", null, ev.lexicon || "\u2014"));
        table.appendChild(row);
      });
      dd.appendChild(table);
      dl.appendChild(dd);
    }
    box.appendChild(dl);
    return box;
  }

  function clearActive() {
    Array.prototype.forEach.call(document.querySelectorAll("mark.hit.active"), function (m) {
      m.classList.remove("active");
    });
  }

  // Every hit covering this mark: the mark itself first, then the marks around it.
  function coveringHits(mark) {
    var ids = [];
    for (var node = mark; node && node.tagName === "MARK"; node = node.parentElement.closest("mark.hit")) {
      var id = Number(node.getAttribute("data-hit"));
      if (ids.indexOf(id) < 0) ids.push(id);
      if (!node.parentElement) break;
    }
    return ids;
  }

  function show(mark, focus) {
    var section = mark.closest("section.article");
    var hits = hitsOf(section);
    var ids = coveringHits(mark);
    var head = section.querySelector("#" + section.id + "-h" + ids[0]);
    current = heads.indexOf(head);
    clearActive();
    Array.prototype.forEach.call(section.querySelectorAll('mark.hit[data-hit="' + ids[0] + '"]'), function (m) {
      m.classList.add("active");
    });
    body.textContent = "";
    ids.forEach(function (id) { body.appendChild(card(hits[id])); });
    position.textContent = (current + 1) + " " + ui.of + " " + heads.length;
    panel.classList.remove("idle");
    panel.scrollTop = 0;
    if (focus) {
      head.focus({ preventScroll: true });
      head.scrollIntoView({ block: "center" });
    }
  }

  function step(delta) {
    if (!heads.length) return;
    var next = current < 0 ? (delta > 0 ? 0 : heads.length - 1) : (current + delta + heads.length) % heads.length;
    show(heads[next], true);
  }

  function close() {
    clearActive();
    panel.classList.add("idle");
    body.textContent = "";
    body.appendChild(el("p", "hint", ui.explain_hint));
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hit");
    if (mark) { show(mark, false); return; }
    var link = event.target.closest && event.target.closest("a[data-target]");
    if (link) {
      event.preventDefault();
      show(document.getElementById(link.getAttribute("data-target")), true);
      return;
    }
    var button = event.target.closest && event.target.closest("#explain button");
    if (button) {
      var action = button.getAttribute("data-action");
      if (action === "next") step(1);
      else if (action === "previous") step(-1);
      else close();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === "j" || event.key === "n") { step(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { step(-1); event.preventDefault(); }
    else if (event.key === "Escape") { close(); }
    else if ((event.key === "Enter" || event.key === " ") && target.matches && target.matches("mark.hit.head")) {
      show(target, false);
      event.preventDefault();
    }
  });
})();
