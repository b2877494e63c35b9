// tools.js: the path finder, the SPARQL query of what is on screen, PNG and GEXF export.

// -- how is X connected to Y: every shortest path over the facts the filters keep --------------
var MAX_PATHS = 5;
function neighbours(i, live) {
  var out = [];
  ENT[i].facts.forEach(function (k) {
    if (!live.facts[k]) return;
    var f = FACTS[k], j = f.s === i ? f.o : f.s;
    if (j !== i) out.push([j, k]);
  });
  return out;
}
view.paths = function (a, b) {  // lists of [entity, fact] hops from a to b, shortest first
  var live = view.current.kept;
  if (a === b) return [[[a, -1]]];
  var dist = new Map([[a, 0]]), queue = [a];
  for (var q = 0; q < queue.length && !dist.has(b); q++) {
    var u = queue[q];
    neighbours(u, live).forEach(function (n) {
      if (!dist.has(n[0])) { dist.set(n[0], dist.get(u) + 1); queue.push(n[0]); }
    });
  }
  if (!dist.has(b)) return [];
  // walk back from b along strictly decreasing distances; each step keeps one fact per pair
  var out = [];
  (function walk(v, tail) {
    if (out.length >= MAX_PATHS) return;
    if (v === a) { out.push([[a, -1]].concat(tail)); return; }
    var seen = new Set();
    neighbours(v, live).sort(function (x, y) { return RANK[x[0]] - RANK[y[0]] || x[1] - y[1]; }).forEach(function (n) {
      if (dist.get(n[0]) === dist.get(v) - 1 && !seen.has(n[0])) {
        seen.add(n[0]);
        walk(n[0], [[v, n[1]]].concat(tail));
      }
    });
  })(b, []);
  return out;
};
var pathOut = document.getElementById("kg-path-out"), pathEnds = {from: null, to: null};
["from", "to"].forEach(function (end) {
  var input = document.getElementById("kg-path-" + end);
  suggest(input, document.getElementById("kg-path-" + end + "-list"),
    function (q) { return matches(q, 10); }, function (i) { return [ENT[i].label, ENT[i].cls]; },
    function (i) { pathEnds[end] = i; input.value = ENT[i].label; });
  input.addEventListener("input", function () { pathEnds[end] = null; });
});
function hop(parent, from, step) {
  var f = FACTS[step[1]], d = el("div", "kg-hop"), head = el("div");
  head.appendChild(entityLink(from));
  head.appendChild(document.createTextNode(f.s === from ? " \u2014" + RELS[f.rel].name + "\u2192 " :
                                           " \u2190" + RELS[f.rel].name + "\u2014 "));
  head.appendChild(entityLink(step[0]));
  d.appendChild(head);
  if (f.sources.length) {
    var s = f.sources[0];
    d.appendChild(el("div", "kg-src", "\u201c" + SENTENCES[s[1]] + "\u201d"));
    if (DOCS[s[0]][0]) d.appendChild(el("div", "kg-src kg-doc", "\u2014 " + docTitle(s[0])));
  }
  parent.appendChild(d);
}
view.findPath = function (a, b) {
  if (a === null || b === null || a === undefined || b === undefined) {
    pathOut.textContent = "choose both entities from the suggestions";
    return [];
  }
  var found = view.paths(a, b), f = document.createDocumentFragment();
  if (!found.length) {
    pathOut.textContent = "no path between " + ENT[a].label + " and " + ENT[b].label +
      " over the facts the filters keep";
    S.path = null; render();
    return found;
  }
  var nodesOn = new Set(), factsOn = new Set();
  f.appendChild(el("div", "kg-sub", plural(found.length, "shortest path") + " of " +
                   plural(found[0].length - 1, "hop") + (found.length >= MAX_PATHS ? " (first " + MAX_PATHS + ")" : "")));
  found.forEach(function (path) {
    var box = el("div", "kg-path");
    for (var k = 1; k < path.length; k++) hop(box, path[k - 1][0], path[k]);
    path.forEach(function (step) { nodesOn.add(step[0]); if (step[1] >= 0) factsOn.add(step[1]); });
    f.appendChild(box);
  });
  pathOut.replaceChildren(f);
  nodesOn.forEach(function (i) { view.reveal(i, true); });
  S.focus = null; S.path = {nodes: nodesOn, facts: factsOn};
  render();
  var ids = Array.from(nodesOn).map(function (i) { return ENT[i].iri; });
  network.selectNodes(ids);
  network.fit({nodes: ids, animation: false});
  if (network.getScale() > 1.5) network.moveTo({scale: 1.5, animation: false});
  return found;
};
document.getElementById("kg-path-go").addEventListener("click", function () {
  view.findPath(pathEnds.from, pathEnds.to);
});
document.getElementById("kg-path-clear").addEventListener("click", function () {
  pathOut.replaceChildren(); S.path = null; render();
});

// -- the selection: what export and SPARQL act on ----------------------------------------------
// the entities lit by a click or a path, or else every entity the filters keep
function selection() {
  var live = view.current.kept, set;
  if (S.path) set = S.path.nodes;
  else if (S.focus !== null) {
    set = new Set([S.focus]);
    neighbours(S.focus, live).forEach(function (n) { set.add(n[0]); });
  } else {
    set = new Set();
    ENT.forEach(function (e) { if (live.live[e.i] || (S.orphans && orphanOk(e))) set.add(e.i); });
  }
  var facts = [];
  FACTS.forEach(function (f, k) {
    if (live.facts[k] && set.has(f.s) && set.has(f.o) && (!S.path || S.path.facts.has(k))) facts.push(k);
  });
  return {entities: Array.from(set).sort(function (a, b) { return a - b; }), facts: facts,
          whole: S.path === null && S.focus === null};
}
view.selection = selection;

// -- SPARQL of what is on screen -------------------------------------------------------------
function iri(s) { return "<" + s.replace(/[\u0000-\u0020<>"{}|^`\\]/g, function (c) {
  return "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"); }) + ">"; }
function literal(s) {
  return '"' + s.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
}
var KG = "https://kg.example.org/ontology#";
view.sparql = function () {
  var sel = selection(), lines = [], where = [];
  lines.push("PREFIX kg: <" + KG + ">", "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>",
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>", "PREFIX prov: <http://www.w3.org/ns/prov#>",
             "PREFIX dcterms: <http://purl.org/dc/terms/>");
  var what = S.path ? "the path on screen" : S.focus !== null ? "the neighbourhood of " + ENT[S.focus].label :
    "every fact the filters keep";
  lines.push("# " + what.replace(/[\r\n]/g, " ") + " in " + META.title.replace(/[\r\n]/g, " ") +
             ": " + plural(sel.facts.length, "fact"));
  lines.push("SELECT ?subject ?subjectLabel ?predicate ?object ?objectLabel ?sentence ?article WHERE {");
  if (!sel.whole) {
    var list = sel.entities.map(function (i) { return iri(ENT[i].iri); }).join(" ");
    where.push("VALUES ?subject { " + list + " }", "VALUES ?object { " + list + " }");
  }
  if (S.relations.size < RELS.length)
    where.push("VALUES ?predicate { " + Array.from(S.relations).sort().map(function (k) { return iri(RELS[k].iri); }).join(" ") + " }");
  where.push("?a a kg:Assertion ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;",
             "   kg:negated false ; kg:sentence ?sentence ; prov:wasDerivedFrom ?doc .",
             'FILTER NOT EXISTS { ?a kg:modality "hypothetical" }');
  var known = CLASS_ORDER.filter(function (c) { return classTotals[c]; });
  if (known.some(function (c) { return !S.classes.has(c); })) {
    var cls = known.filter(function (c) { return S.classes.has(c); })
      .map(function (c) { return "kg:" + c; }).join(" ");
    where.push("?subject a ?subjectClass . ?object a ?objectClass .",
               "VALUES ?subjectClass { " + cls + " }", "VALUES ?objectClass { " + cls + " }");
  }
  if (S.docs.size)
    where.push("?doc dcterms:title ?article .", "VALUES ?article { " + Array.from(S.docs).sort(function (a, b) { return a - b; })
      .map(function (d) { return literal(DOCS[d][0]); }).join(" ") + " }");
  else where.push("OPTIONAL { ?doc dcterms:title ?article }");
  if (sel.facts.some(function (k) { return ENT[FACTS[k].s].cls === "Event" || ENT[FACTS[k].s].cls === "Statement"; }))
    where.push("# events and statements on screen are nodes of their own, not in this query (kg query -f timeline, -f statements-by)");
  if (S.dateFrom || S.dateTo) where.push("# dates " + (S.dateFrom || "\u2026") + " to " + (S.dateTo || "\u2026") + " are not in this query");
  where.push("OPTIONAL { ?subject rdfs:label ?subjectLabel } OPTIONAL { ?object rdfs:label ?objectLabel }");
  lines = lines.concat(where.map(function (w) { return "  " + w; }));
  lines.push("}", "ORDER BY ?subjectLabel ?predicate ?objectLabel ?article ?sentence");
  return lines.join("\n") + "\n";
};
var exportNote = document.getElementById("kg-export-note"), sparqlBox = document.getElementById("kg-sparql");
document.getElementById("kg-sparql-copy").addEventListener("click", function () {
  var q = view.sparql();
  sparqlBox.value = q;
  sparqlBox.hidden = false;
  sparqlBox.select();
  var done = function () { exportNote.textContent = "SPARQL copied; run it with kg query or kg serve"; };
  var manual = function () { exportNote.textContent = "SPARQL below: select it and copy"; };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(q).then(done, manual);
  else manual();
});

// -- export: PNG of the view, GEXF of the selection ------------------------------------------
function download(name, blob) {
  var a = document.createElement("a"), url = URL.createObjectURL(blob);
  a.href = url; a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}
view.png = function () {  // the canvas on white (it is transparent), as a PNG data URL
  var c = box.querySelector("canvas"), out = document.createElement("canvas");
  out.width = c.width; out.height = c.height;
  var ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(c, 0, 0);
  return out;
};
document.getElementById("kg-png").addEventListener("click", function () {
  view.png().toBlob(function (blob) { download("kg-view.png", blob); }, "image/png");
});
function xml(s) {
  return String(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
function rgb(hex) { return [1, 3, 5].map(function (k) { return parseInt(hex.slice(k, k + 2), 16); }); }
view.gexf = function () {  // GEXF 1.3 of the selection, shaped like kg export --format gexf
  var sel = selection(), out = [], degree = new Map();
  sel.facts.forEach(function (k) {
    var f = FACTS[k];
    degree.set(f.s, (degree.get(f.s) || 0) + 1);
    degree.set(f.o, (degree.get(f.o) || 0) + 1);
  });
  out.push('<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    "  <meta>", "    <creator>kg</creator>", "    <description>" + xml(META.title) + "</description>", "  </meta>",
    '  <graph mode="static" defaultedgetype="directed">',
    '    <attributes class="node" mode="static">',
    '      <attribute id="class" title="class" type="string"/>', '      <attribute id="aliases" title="aliases" type="string"/>',
    '      <attribute id="mentions" title="mentions" type="integer"/>', '      <attribute id="degree" title="degree" type="integer"/>',
    "    </attributes>", '    <attributes class="edge" mode="static">',
    '      <attribute id="relation" title="relation" type="string"/>', '      <attribute id="confidence" title="confidence" type="double"/>',
    "    </attributes>", '    <nodes count="' + sel.entities.length + '">');
  sel.entities.forEach(function (i) {
    var e = ENT[i], c = rgb(entityColour(e)), d = degree.get(i) || 0;
    out.push('      <node id="' + xml(e.iri) + '" label="' + xml(e.label) + '">', "        <attvalues>",
      '          <attvalue for="class" value="' + xml(e.cls) + '"/>',
      '          <attvalue for="aliases" value="' + xml(e.aliases.join("|")) + '"/>',
      '          <attvalue for="mentions" value="' + e.mentions + '"/>',
      '          <attvalue for="degree" value="' + d + '"/>', "        </attvalues>",
      '        <viz:color r="' + c[0] + '" g="' + c[1] + '" b="' + c[2] + '"/>',
      '        <viz:size value="' + (Math.round((10 + 5 * Math.sqrt(d)) * 100) / 100) + '"/>',
      '        <viz:position x="' + e.x + '" y="' + (-e.y) + '" z="0"/>', "      </node>");
  });
  out.push("    </nodes>", '    <edges count="' + sel.facts.length + '">');
  sel.facts.forEach(function (k, n) {
    var f = FACTS[k];
    out.push('      <edge id="' + n + '" source="' + xml(ENT[f.s].iri) + '" target="' + xml(ENT[f.o].iri) +
      '" label="' + xml(RELS[f.rel].name) + '" weight="' + f.weight + '">', "        <attvalues>",
      '          <attvalue for="relation" value="' + xml(RELS[f.rel].name) + '"/>',
      '          <attvalue for="confidence" value="' + f.confidence + '"/>', "        </attvalues>", "      </edge>");
  });
  out.push("    </edges>", "  </graph>", "</gexf>");
  return out.join("\n") + "\n";
};
document.getElementById("kg-gexf").addEventListener("click", function () {
  var sel = selection();
  download("kg-selection.gexf", new Blob([view.gexf()], {type: "application/xml"}));
  exportNote.textContent = "GEXF: " + plural(sel.entities.length, "entity").replace("entitys", "entities") +
    ", " + plural(sel.facts.length, "fact");
});
view.fact = function (k) {  // [subject IRI, predicate IRI, object IRI] of fact k
  var f = FACTS[k];
  return [ENT[f.s].iri, RELS[f.rel].iri, ENT[f.o].iri];
};
