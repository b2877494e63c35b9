// panel.js: search, the side panel, tooltips, filter controls and the counts they show.
function el(tag, cls, text) {
  var d = document.createElement(tag);
  if (cls) d.className = cls;
  if (text !== undefined) d.textContent = text;
  return d;
}
function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
function docTitle(d) { return DOCS[d][0] || DOCS[d][1]; }
function entityLink(i) {
  var a = el("span", "kg-link", ENT[i].label);
  a.setAttribute("role", "link");
  a.addEventListener("click", function () { view.select(i); });
  return a;
}

// -- search: exact label or alias, then prefix, then substring; important entities first ------
// (statements are not searched: their speakers' panels list them)
var INDEX = ENT.filter(function (e) { return e.cls !== "Statement"; }).map(function (e) {
  return {i: e.i, keys: [e.label].concat(e.aliases).map(function (s) { return String(s).toLowerCase(); })};
}).sort(function (a, b) { return RANK[a.i] - RANK[b.i]; });
function matches(q, limit) {
  q = q.trim().toLowerCase();
  if (!q) return [];
  var out = [], seen = new Set();
  var tests = [function (k) { return k === q; }, function (k) { return k.indexOf(q) === 0; },
               function (k) { return k.indexOf(q) >= 0; }];
  for (var t = 0; t < tests.length && out.length < limit; t++)
    for (var k = 0; k < INDEX.length && out.length < limit; k++)
      if (!seen.has(INDEX[k].i) && INDEX[k].keys.some(tests[t])) { seen.add(INDEX[k].i); out.push(INDEX[k].i); }
  return out;
}
view.find = function (q) { var m = matches(q, 1); return m.length ? m[0] : null; };
// a text box with a list of suggestions under it; choose(value) gets the chosen item
function suggest(input, list, items, describe, choose) {
  var active = -1, shown = [];
  function close() { list.hidden = true; list.replaceChildren(); active = -1; }
  function open() {
    shown = items(input.value);
    list.replaceChildren();
    shown.forEach(function (it, k) {
      var d = describe(it), row = el("div", "kg-option");
      row.appendChild(document.createTextNode(d[0]));
      if (d[1]) row.appendChild(el("span", "kg-sub", " " + d[1]));
      row.addEventListener("mousedown", function (ev) { ev.preventDefault(); close(); choose(it); });
      list.appendChild(row);
    });
    list.hidden = !shown.length;
  }
  input.addEventListener("input", open);
  input.addEventListener("blur", close);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (list.hidden) open();
      active = Math.max(0, Math.min(shown.length - 1, active + (ev.key === "ArrowDown" ? 1 : -1)));
      Array.prototype.forEach.call(list.children, function (c, k) { c.classList.toggle("kg-active", k === active); });
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      var pick = shown[active >= 0 ? active : 0];
      if (list.hidden) pick = items(input.value)[0];
      close();
      if (pick !== undefined) choose(pick);
    } else if (ev.key === "Escape") close();
  });
}
function whereIs(i) {
  var e = ENT[i];
  if (e.degree === 0) return e.cls + ", no facts";
  if (META.clustered && e.community >= 0 && !S.open.has(e.community)) return e.cls + ", in a cluster";
  return e.cls;
}
var searchBox = document.getElementById("kg-search"), found = document.getElementById("kg-found");
function searched(i) {
  searchBox.value = ENT[i].label;
  var state = view.select(i);
  found.textContent = ENT[i].label + " (" + ENT[i].cls + ")" +
    (state === "filtered" ? " \u2014 hidden by a filter" : state === "orphan" ? " \u2014 no facts" : "");
}
suggest(searchBox, document.getElementById("kg-search-list"),
  function (q) { return matches(q, 10); },
  function (i) { return [ENT[i].label, whereIs(i)]; }, searched);
// typing selects the best match as it is drawn; a match inside a closed cluster or without
// facts waits for Enter or a click, so typing does not open one cluster after another
searchBox.addEventListener("input", function () {
  var i = view.find(searchBox.value);
  if (i === null) { found.textContent = searchBox.value.trim() ? "no match" : ""; return; }
  var e = ENT[i], folded = e.degree === 0 || (META.clustered && e.community >= 0 && !S.open.has(e.community));
  if (folded) { found.textContent = e.label + " (" + whereIs(i) + ") \u2014 Enter shows it"; return; }
  var state = view.select(i);
  found.textContent = e.label + " (" + e.cls + ")" + (state === "filtered" ? " \u2014 hidden by a filter" : "");
});

// -- selecting an entity: open its cluster, centre it, light its neighbourhood, show it -------
view.select = function (i, opts) {
  var e = ENT[i];
  S.focus = i; S.path = null;
  view.reveal(i, true);
  render();
  showEntity(i);
  var drawn = nodes.get(e.iri) !== null;
  if (drawn) {
    // centre the entity at a zoom that shows its neighbourhood (not more than 1.5)
    var around = Array.from(view.current.lit || [i]).map(function (k) { return ENT[k].iri; })
      .filter(function (id) { return nodes.get(id) !== null; });
    network.fit({nodes: around, animation: false});
    network.selectNodes([e.iri]);
    network.moveTo({position: network.getPositions([e.iri])[e.iri], scale: Math.min(network.getScale() * 0.9, 1.5),
                    animation: false});
    hideTip();  // the side panel says it all
  }
  view.focused = e.iri;
  return drawn ? "drawn" : e.degree === 0 ? "orphan" : "filtered";
};
view.clearFocus = function () {
  if (S.focus === null && !S.path) return;
  S.focus = null; S.path = null; render();
};

// -- the side panel ----------------------------------------------------------------------------
var side = document.getElementById("kg-side"), sideBody = document.getElementById("kg-side-body");
document.getElementById("kg-side-close").addEventListener("click", function () {
  side.hidden = true; view.clearFocus(); network.unselectAll();
});
function sources(parent, f) {
  f.sources.forEach(function (s) {
    var d = el("div", "kg-src");
    d.appendChild(el("div", "", "\u201c" + SENTENCES[s[1]] + "\u201d"));
    if (DOCS[s[0]][0]) d.appendChild(el("div", "kg-doc", "\u2014 " + docTitle(s[0])));
    parent.appendChild(d);
  });
  if (f.nSources > f.sources.length)
    parent.appendChild(el("div", "kg-sub", "\u2026 and " + (f.nSources - f.sources.length) + " more sources"));
}
function factBlock(k, from) {  // one fact, seen from entity `from` (or null: both ends)
  var f = FACTS[k], d = el("div", "kg-fact"), head = el("div");
  var end = function (i) { return i === from ? el("b", "", ENT[i].label) : entityLink(i); };
  head.appendChild(end(f.s));
  head.appendChild(document.createTextNode(" \u2014" + RELS[f.rel].name + "\u2192 "));
  head.appendChild(end(f.o));
  head.appendChild(el("span", "kg-sub", "  weight " + f.weight + " \u00b7 confidence " + f.confidence +
                      (RELS[f.rel].open ? " \u00b7 open relation" : "") + (f.date ? " \u00b7 " + f.date : "")));
  d.appendChild(head);
  sources(d, f);
  return d;
}
var FACTS_SHOWN = 10;  // per relation, before "show more"
function showEntity(i) {
  var e = ENT[i], f = document.createDocumentFragment(), live = view.current.kept;
  f.appendChild(el("h2", "", e.label));
  var sub = el("div", "kg-sub");
  var sym = el("span", "kg-sym", CLASSES[e.cls].sym);
  sym.style.color = CLASSES[e.cls].colour;
  sub.appendChild(sym);
  sub.appendChild(document.createTextNode(e.cls + " \u00b7 " + plural(e.mentions, "mention") +
    " \u00b7 " + plural(e.degree, "fact") + (e.date ? " \u00b7 " + e.date : "")));
  f.appendChild(sub);
  if (e.aliases.length) f.appendChild(el("div", "", "also: " + e.aliases.join(", ")));
  if (e.community >= 0) {
    var c = el("div", "kg-sub", "community " + (e.community + 1) + " of " + COMMS.length + " (" +
                plural(COMMS[e.community].members.length, "entity").replace("entitys", "entities") + ")");
    f.appendChild(c);
  }
  f.appendChild(el("div", "kg-sub", e.iri));
  var groups = new Map();
  e.facts.forEach(function (k) {
    var r = FACTS[k].rel;
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(k);
  });
  Array.from(groups.keys()).sort(function (a, b) {
    return groups.get(b).length - groups.get(a).length || (RELS[a].name < RELS[b].name ? -1 : 1);
  }).forEach(function (r) {
    var ks = groups.get(r), hidden = ks.filter(function (k) { return !live.facts[k]; }).length;
    f.appendChild(el("h3", "", RELS[r].name + " (" + ks.length + ")" + (hidden ? " \u2014 " + hidden + " hidden by filters" : "")));
    // the best supported facts first; a long list shows its head and a button for the rest
    ks.sort(function (a, b) { return FACTS[b].weight - FACTS[a].weight || a - b; });
    ks.slice(0, FACTS_SHOWN).forEach(function (k) { f.appendChild(factBlock(k, i)); });
    if (ks.length > FACTS_SHOWN) {
      var more = el("button", "kg-more", "show " + (ks.length - FACTS_SHOWN) + " more " + RELS[r].name + " facts");
      more.type = "button";
      more.addEventListener("click", function () {
        var rest = document.createDocumentFragment();
        ks.slice(FACTS_SHOWN).forEach(function (k) { rest.appendChild(factBlock(k, i)); });
        more.replaceWith(rest);
      });
      f.appendChild(more);
    }
  });
  if (e.docs.length) {
    f.appendChild(el("h3", "", "articles (" + e.docs.length + ")"));
    e.docs.slice(0, 30).forEach(function (d) { f.appendChild(el("div", "kg-doc", docTitle(d))); });
    if (e.docs.length > 30) f.appendChild(el("div", "kg-sub", "\u2026 and " + (e.docs.length - 30) + " more"));
  }
  sideBody.replaceChildren(f);
  side.hidden = false;
  side.scrollTop = 0;
}
function showBundle(edge) {
  var f = document.createDocumentFragment();
  f.appendChild(el("h2", "", plural(edge.kgFacts.length, "fact")));
  edge.kgFacts.forEach(function (k) { f.appendChild(factBlock(k, null)); });
  sideBody.replaceChildren(f);
  side.hidden = false;
}
function showCluster(n) {
  var cl = view.current.clusters.get(n.id), f = document.createDocumentFragment();
  f.appendChild(el("h2", "", n.label));
  f.appendChild(el("div", "kg-sub", n.kgCluster === "orphans" ? plural(n.kgSize, "entity without facts").replace("entitys", "entities") :
    "community " + (n.kgCluster + 1) + ": " + n.kgSize + " entities shown; double-click to open"));
  var b = el("button", "", "open this cluster");
  b.type = "button";
  b.addEventListener("click", function () { view.openCluster(n.kgCluster); });
  f.appendChild(b);
  f.appendChild(el("h3", "", "members, most important first"));
  cl.members.slice(0, 50).forEach(function (i) {
    var d = el("div");
    d.appendChild(entityLink(i));
    d.appendChild(el("span", "kg-sub", " " + ENT[i].cls));
    f.appendChild(d);
  });
  if (cl.members.length > 50) f.appendChild(el("div", "kg-sub", "\u2026 and " + (cl.members.length - 50) + " more"));
  sideBody.replaceChildren(f);
  side.hidden = false;
}
network.on("click", function (p) {
  if (p.nodes.length) {
    var n = nodes.get(p.nodes[0]);
    if (n.kgCluster !== undefined) { showCluster(n); return; }
    S.focus = n.kg; S.path = null; render(); showEntity(n.kg);
  } else if (p.edges.length) {
    showBundle(edges.get(p.edges[0]));
  } else {
    view.clearFocus();
  }
});

// -- tooltips ----------------------------------------------------------------------------------
var tip = document.getElementById("kg-tip");
box.appendChild(tip);
function line(parent, cls, text) { parent.appendChild(el("div", cls, text)); }
function nodeTip(id) {
  var n = nodes.get(id), f = document.createDocumentFragment();
  if (!n) return null;
  if (n.kgCluster !== undefined) {
    line(f, "kg-tip-head", n.label);
    line(f, "", n.kgSize + " entities \u00b7 double-click to open");
    return f;
  }
  var e = ENT[n.kg];
  line(f, "kg-tip-head", e.label);
  line(f, "", e.cls + " \u00b7 " + plural(e.mentions, "mention") + " \u00b7 " + plural(e.degree, "fact"));
  if (e.aliases.length) line(f, "", "also: " + e.aliases.join(", "));
  if (e.docs.length) {
    line(f, "kg-tip-sub", "articles (" + e.docs.length + "):");
    e.docs.slice(0, 8).forEach(function (d) { line(f, "kg-tip-doc", "\u2022 " + docTitle(d)); });
    if (e.docs.length > 8) line(f, "kg-tip-sub", "\u2026 and " + (e.docs.length - 8) + " more");
  }
  return f;
}
function edgeTip(id) {
  var b = edges.get(id), f = document.createDocumentFragment();
  if (!b) return null;
  b.kgFacts.slice(0, 4).forEach(function (k) {
    var x = FACTS[k];
    line(f, "kg-tip-head", ENT[x.s].label + " \u2192 " + RELS[x.rel].name + " \u2192 " + ENT[x.o].label);
    line(f, "", "weight " + x.weight + " \u00b7 confidence " + x.confidence + (RELS[x.rel].open ? " \u00b7 open relation" : ""));
    x.sources.slice(0, 2).forEach(function (s) {
      line(f, "kg-tip-src", "\u201c" + SENTENCES[s[1]] + "\u201d");
      if (DOCS[s[0]][0]) line(f, "kg-tip-doc", "\u2014 " + docTitle(s[0]));
    });
  });
  if (b.kgFacts.length > 4) line(f, "kg-tip-sub", "\u2026 and " + (b.kgFacts.length - 4) + " more facts: click");
  return f;
}
function showTip(content, x, y) {
  if (!content) return hideTip();
  tip.replaceChildren(content);
  tip.hidden = false;
  var w = box.clientWidth, h = box.clientHeight;
  tip.style.left = Math.max(0, Math.min(x + 14, w - tip.offsetWidth - 4)) + "px";
  tip.style.top = Math.max(0, Math.min(y + 14, h - tip.offsetHeight - 4)) + "px";
}
function hideTip() { tip.hidden = true; tip.replaceChildren(); }
view.hideTip = hideTip;
view.showNodeTip = function (id) {
  var p = network.getPositions([id])[id];
  if (p) { var d = network.canvasToDOM(p); showTip(nodeTip(id), d.x, d.y); }
};
view.showEdgeTip = function (id, x, y) { showTip(edgeTip(id), x || 0, y || 0); };
network.on("hoverNode", function (p) { showTip(nodeTip(p.node), p.pointer.DOM.x, p.pointer.DOM.y); });
network.on("hoverEdge", function (p) { showTip(edgeTip(p.edge), p.pointer.DOM.x, p.pointer.DOM.y); });
network.on("blurNode", hideTip);
network.on("blurEdge", hideTip);
network.on("dragStart", hideTip);
network.on("zoom", hideTip);

// -- filter controls and counts ----------------------------------------------------------------
var legend = document.getElementById("kg-legend"), relList = document.getElementById("kg-rel-list");
var classRows = {}, relRows = [];
function checkRow(cls, value, parts) {
  var label = el("label", "kg-row"), box = el("input", cls);
  box.type = "checkbox"; box.value = value; box.checked = true;
  label.appendChild(box);
  parts.forEach(function (p) { label.appendChild(p); });
  var count = el("span", "kg-count");
  label.appendChild(document.createTextNode(" "));
  label.appendChild(count);
  return {label: label, box: box, count: count};
}
var classTotals = {};
ENT.forEach(function (e) { if (e.degree) classTotals[e.cls] = (classTotals[e.cls] || 0) + 1; });
CLASS_ORDER.forEach(function (c) {
  if (!classTotals[c]) return;
  var sym = el("span", "kg-sym", CLASSES[c].sym);
  sym.style.color = CLASSES[c].colour;
  var row = classRows[c] = checkRow("kg-class", c, [sym, document.createTextNode(c)]);
  row.box.checked = S.classes.has(c);
  legend.appendChild(row.label);
  row.box.addEventListener("change", function () {
    if (row.box.checked) S.classes.add(c); else S.classes.delete(c);
    render();
  });
});
RELS.forEach(function (r, k) {
  var row = relRows[k] = checkRow("kg-rel", r.name, [document.createTextNode(r.name)]);
  relList.appendChild(row.label);
  row.box.addEventListener("change", function () {
    if (row.box.checked) S.relations.add(k); else S.relations.delete(k);
    render();
  });
});
function allRelations(on) {
  relRows.forEach(function (row, k) {
    row.box.checked = on;
    if (on) S.relations.add(k); else S.relations.delete(k);
  });
  render();
}
document.getElementById("kg-rel-all").addEventListener("click", function () { allRelations(true); });
document.getElementById("kg-rel-none").addEventListener("click", function () { allRelations(false); });
view.applyFilters = function () {  // read every control again (tests and scripts call this)
  CLASS_ORDER.forEach(function (c) {
    if (classRows[c] && !classRows[c].box.checked) S.classes.delete(c); else S.classes.add(c);
  });
  relRows.forEach(function (row, k) { if (row.box.checked) S.relations.add(k); else S.relations.delete(k); });
  render();
};
// articles: pick titles from the suggestions; each becomes a chip that a click removes
var docBox = document.getElementById("kg-doc"), chips = document.getElementById("kg-doc-chips");
function docMatches(q) {
  q = q.trim().toLowerCase();
  var out = [];
  for (var d = 0; d < DOCS.length && out.length < 10 && q; d++)
    if (!S.docs.has(d) && (DOCS[d][0].toLowerCase().indexOf(q) >= 0 || DOCS[d][1].toLowerCase() === q)) out.push(d);
  return out;
}
function drawChips() {
  chips.replaceChildren();
  S.docs.forEach(function (d) {
    var c = el("span", "kg-chip", "\u00d7 " + docTitle(d));
    c.title = "remove this article filter";
    c.addEventListener("click", function () { S.docs.delete(d); drawChips(); render(); });
    chips.appendChild(c);
  });
}
view.filterDoc = function (d) { S.docs.add(d); drawChips(); render(); };
suggest(docBox, document.getElementById("kg-doc-list"), docMatches,
  function (d) { return [docTitle(d), DOCS[d][1] && DOCS[d][1] !== DOCS[d][0] ? DOCS[d][1] : ""]; },
  function (d) { docBox.value = ""; view.filterDoc(d); });
if (!DOCS.length) document.getElementById("kg-articles").hidden = true;
// dates: shown only when some fact or entity carries one (events do)
if (META.dated) {
  document.getElementById("kg-dates").hidden = false;
  ["from", "to"].forEach(function (end) {
    document.getElementById("kg-date-" + end).addEventListener("change", function (ev) {
      S[end === "from" ? "dateFrom" : "dateTo"] = ev.target.value; render();
    });
  });
}
// entities without facts: counted, listed, searchable, and drawn on request
var orphanBox = document.getElementById("kg-orphans"), orphanList = document.getElementById("kg-orphan-list");
var orphanFilter = document.getElementById("kg-orphan-filter");
orphanBox.addEventListener("change", function () { S.orphans = orphanBox.checked; render(); });
function listOrphans() {
  var q = orphanFilter.value.trim().toLowerCase(), out = [];
  for (var k = 0; k < INDEX.length && out.length < 100; k++) {
    var e = ENT[INDEX[k].i];
    if (e.degree === 0 && orphanOk(e) && (!q || INDEX[k].keys.some(function (s) { return s.indexOf(q) >= 0; })))
      out.push(e.i);
  }
  orphanList.replaceChildren();
  out.forEach(function (i) {
    var d = el("div");
    d.appendChild(entityLink(i));
    d.appendChild(el("span", "kg-sub", " " + ENT[i].cls));
    orphanList.appendChild(d);
  });
}
orphanFilter.addEventListener("input", listOrphans);
var note = document.getElementById("kg-note");
view.onRender.push(function (b) {
  var shownFacts = b.kept.nFacts, entities = META.entities - META.orphans;
  var live = 0;
  for (var i = 0; i < ENT.length; i++) if (b.kept.live[i]) live++;
  var text = ENT.length ? (live === entities ? plural(entities, "entity") : live.toLocaleString("en") + " of " + plural(entities, "entity")).replace("entitys", "entities") +
    " with facts, " + (shownFacts === META.facts ? plural(META.facts, "fact") : shownFacts.toLocaleString("en") + " of " + plural(META.facts, "fact")) : "no entities";
  if (b.clusters.size) text += " \u00b7 " + plural(b.clusters.size, "cluster") + " (double-click opens)";
  note.textContent = text;
  document.getElementById("kg-orphan-count").textContent = b.orphans.toLocaleString("en");
  document.getElementById("kg-orphan-total").textContent = b.orphans.toLocaleString("en");
  CLASS_ORDER.forEach(function (c) {
    if (classRows[c]) classRows[c].count.textContent = String(b.kept.classCounts[c] || 0);
  });
  relRows.forEach(function (row, k) { row.count.textContent = String(b.kept.relCounts[k]); });
  listOrphans();
});
render();
