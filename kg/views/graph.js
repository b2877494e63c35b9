// graph.js: the data, the filters, what is drawn (entities or community clusters), labels.
// Every piece of graph text reaches the DOM through textContent or .value, never innerHTML,
// and vis-network gets no `title`, so its own popup never renders article text.
var RAW = JSON.parse(document.getElementById("kg-data").textContent);
var META = RAW.meta;
function rows(list, fields) {
  return list.map(function (r, i) {
    var o = {i: i};
    for (var k = 0; k < fields.length; k++) o[fields[k]] = r[k];
    return o;
  });
}
var ENT = rows(RAW.nodes, META.nodeFields), FACTS = rows(RAW.facts, META.factFields);
var CLASSES = {}, CLASS_ORDER = [];
RAW.classes.forEach(function (c) {
  CLASSES[c[0]] = {colour: c[1], shape: c[2], sym: c[3]};
  CLASS_ORDER.push(c[0]);
});
var RELS = RAW.relations.map(function (r) { return {name: r[0], iri: r[1], open: r[2]}; });
var DOCS = RAW.docs, SENTENCES = RAW.sentences, COMMS = RAW.communities;
var BY_IRI = new Map(), RANK = new Int32Array(ENT.length);
ENT.forEach(function (e) { e.facts = []; BY_IRI.set(e.iri, e.i); });
FACTS.forEach(function (f, k) {
  ENT[f.s].facts.push(k);
  if (f.o !== f.s) ENT[f.o].facts.push(k);
});
RAW.order.forEach(function (i, k) { RANK[i] = k; });
// Tableau 20, for communities; a community keeps its colour whatever is filtered
var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
  "#ff9da7", "#9c755f", "#17becf", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d",
  "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#bcbd22"];
var DIM = "#e4e6ea", EDGE = "#9aa5b1", HOT = "#d62728";
// vis draws every node label once 14 * zoom >= 17 (zoom 1.2); below, graph.js draws the
// most important ones that fit without overlapping
var FONT = 14, DRAW_THRESHOLD = 18;
var ORPHAN_CLUSTER = "kg-cluster:orphans";

var S = {  // what the reader chose
  // statements are an optional layer, off until their box is ticked (a speaker's panel lists them anyway)
  classes: new Set(CLASS_ORDER.filter(function (c) { return c !== "Statement"; })), relations: new Set(RELS.map(function (r, k) { return k; })),
  docs: new Set(), dateFrom: "", dateTo: "", orphans: false, colour: "class",
  open: new Set(), focus: null, path: null, selected: []
};
// small communities (a pair, a triple) are drawn open at load: see kg.views.data._open_small
var OPEN_AT_LOAD = [];
COMMS.forEach(function (c, k) { if (c.open) { S.open.add(k); OPEN_AT_LOAD.push(k); } });
var view = window.kgView = {ready: false, readyAt: null, meta: META, state: S, labels: []};

// -- filters ---------------------------------------------------------------------------------
function dateOk(d) {
  return !d || ((!S.dateFrom || d >= S.dateFrom) && (!S.dateTo || d.slice(0, S.dateTo.length) <= S.dateTo));
}
function entityOk(e) { return S.classes.has(e.cls) && dateOk(e.date); }
function docsOk(list) {
  if (!S.docs.size) return true;
  for (var k = 0; k < list.length; k++) if (S.docs.has(list[k])) return true;
  return false;
}
function orphanOk(e) { return e.degree === 0 && entityOk(e) && docsOk(e.docs); }
// the facts and entities the filters keep, and what each class and relation would add
function kept() {
  var facts = new Uint8Array(FACTS.length), live = new Int32Array(ENT.length), n = 0;
  var rels = new Int32Array(RELS.length), touched = new Uint8Array(ENT.length);
  for (var k = 0; k < FACTS.length; k++) {
    var f = FACTS[k];
    if (!docsOk(f.docs) || !dateOk(f.date)) continue;
    var ends = entityOk(ENT[f.s]) && entityOk(ENT[f.o]);
    if (S.relations.has(f.rel)) { touched[f.s] = touched[f.o] = 1; } else if (ends) rels[f.rel]++;
    if (!ends || !S.relations.has(f.rel)) continue;
    rels[f.rel]++;
    facts[k] = 1; live[f.s]++; if (f.o !== f.s) live[f.o]++; n++;
  }
  var classes = {};
  ENT.forEach(function (e) { if (touched[e.i] && dateOk(e.date)) classes[e.cls] = (classes[e.cls] || 0) + 1; });
  return {facts: facts, live: live, nFacts: n, relCounts: rels, classCounts: classes};
}

// -- what is drawn ---------------------------------------------------------------------------
var orphansFolded = false;
function clustered(e) {  // the cluster an entity is folded into, or null
  if (e.degree === 0) return orphansFolded ? ORPHAN_CLUSTER : null;
  if (!META.clustered || e.community < 0 || S.open.has(e.community)) return null;
  return "kg-cluster:" + e.community;
}
function entityColour(e) {
  return S.colour === "community" && e.community >= 0 ?
    PALETTE[e.community % PALETTE.length] : CLASSES[e.cls].colour;
}
// Dimming recolours every drawn node and edge (about 1.2 s for 3,500 nodes and 4,300 edges);
// above this many drawn nodes the selection's own highlight of its edges does instead.
var DIM_LIMIT = 1500;
function highlightSet(live) {  // the focus and its neighbours, or the path; null for none
  if (S.path) return S.path.nodes;
  if (S.focus === null) return null;
  var set = new Set([S.focus]);
  ENT[S.focus].facts.forEach(function (k) {
    if (live.facts[k]) { set.add(FACTS[k].s); set.add(FACTS[k].o); }
  });
  return set;
}
function entityNode(e, hot) {
  var c = hot ? entityColour(e) : DIM;
  return {id: e.iri, label: e.label, shape: CLASSES[e.cls].shape, size: e.size,
          color: {background: c, border: hot ? "#555" : DIM,
                  highlight: {background: entityColour(e), border: "#000"}},
          font: {color: hot ? "#222" : "#bbb"}, borderWidth: 1, kg: e.i,
          physics: e.degree > 0};  // with physics on, unconnected nodes would drift into a ring
}
function clusterLabel(members, total) {
  var top = members.slice(0, 2).map(function (i) { return ENT[i].label; });
  return top.join(", ") + (total > top.length ? " +" + (total - top.length) : "");
}
function build() {
  var live = kept(), lit = highlightSet(live), nodes = new Map(), bundles = new Map();
  var hot = window.nodes.length > DIM_LIMIT ? null : lit;  // dimmed: all but the lit ones
  var clusters = new Map(), drawn = 0, orphans = view.orphanCount();
  orphansFolded = S.orphans && orphans > META.clusterAbove && !S.open.has("orphans");
  ENT.forEach(function (e) {
    var on = live.live[e.i] > 0 || (S.orphans && orphanOk(e));
    if (!on) return;
    drawn++;
    var c = clustered(e);
    if (c === null) { nodes.set(e.iri, entityNode(e, !hot || hot.has(e.i))); return; }
    var cl = clusters.get(c);
    if (!cl) clusters.set(c, cl = {members: [], hot: false, community: e.degree ? e.community : "orphans"});
    cl.members.push(e.i);
    if (hot && hot.has(e.i)) cl.hot = true;
  });
  clusters.forEach(function (cl, id) {  // a disc where its members would be, label inside
    cl.members.sort(function (a, b) { return RANK[a] - RANK[b]; });
    var m = cl.members.length, isOrphans = cl.community === "orphans";
    var at = isOrphans ? orphanBlock() : COMMS[cl.community], on = !hot || cl.hot;
    var colour = isOrphans ? "#bbbbbb" : PALETTE[cl.community % PALETTE.length];
    nodes.set(id, {id: id, label: isOrphans ? m + " entities without facts" : clusterLabel(cl.members, m),
      shape: "dot", size: Math.max(14, isOrphans ? 14 + 5 * Math.sqrt(m) : at.size * Math.sqrt(m / COMMS[cl.community].members.length)),
      x: at.x, y: at.y,
      color: {background: on ? rgba(colour, 0.45) : DIM, border: on ? "#333" : DIM,
              highlight: {background: rgba(colour, 0.7), border: "#000"}},
      font: {color: on ? "#222" : "#bbb", size: 16}, borderWidth: 3,
      kgCluster: cl.community, kgSize: m});  // no dashed border: dashes are slow to draw
    var n = nodes.get(id);
    n.font.vadjust = -n.size - 10;
  });
  for (var k = 0; k < FACTS.length; k++) {
    var f = FACTS[k];
    if (!live.facts[k]) continue;
    var a = clustered(ENT[f.s]) || ENT[f.s].iri, b = clustered(ENT[f.o]) || ENT[f.o].iri;
    if (a === b && a.indexOf("kg-cluster:") === 0) continue;  // inside a closed cluster
    var key = a < b ? a + "\u0000" + b : b + "\u0000" + a, bundle = bundles.get(key);
    if (!bundle) bundles.set(key, bundle = {from: a < b ? a : b, to: a < b ? b : a, facts: [],
                                            weight: 0, fwd: 0, back: 0, rels: new Set()});
    bundle.facts.push(k);
    bundle.weight += f.weight;
    bundle.rels.add(f.rel);
    if (a === bundle.from) bundle.fwd++; else bundle.back++;
  }
  var edges = new Map(), pathFacts = S.path ? S.path.facts : null;
  bundles.forEach(function (b) {
    var n = b.facts.length, cluster = b.from.indexOf("kg-cluster:") === 0 || b.to.indexOf("kg-cluster:") === 0;
    var on = !hot || (hot.has(BY_IRI.get(b.from)) && hot.has(BY_IRI.get(b.to)));
    var onPath = pathFacts && b.facts.some(function (k) { return pathFacts.has(k); });
    var label = cluster ? String(n) : b.rels.size === 1 ?
      RELS[FACTS[b.facts[0]].rel].name + (n > 1 ? " \u00d7" + n : "") : n + " facts";
    var id = "kg-edge:" + b.from + "\u0000" + b.to;
    edges.set(id, {id: id, from: b.from, to: b.to, label: label,
      width: onPath ? 4 : Math.min(1 + 1.5 * Math.log2(b.weight), 10),
      arrows: cluster ? "" : b.back === 0 ? "to" : b.fwd === 0 ? "from" : "to, from",
      // edges to a cluster are lighter, not dashed: a dashed line costs four times a solid one
      color: {color: onPath ? HOT : !on ? "#f0f1f3" : cluster ? "#c3cad2" : EDGE, highlight: "#2b2b2b",
              hover: "#2b2b2b"},
      font: {color: on ? "#444" : "#ccc"}, kgFacts: b.facts});
  });
  return {nodes: nodes, edges: edges, kept: live, drawn: drawn, clusters: clusters, orphans: orphans, lit: lit};
}
function rgba(hex, a) {
  return "rgba(" + [1, 3, 5].map(function (k) { return parseInt(hex.slice(k, k + 2), 16); }).join(",") + "," + a + ")";
}
function orphanBlock() {
  var xs = 0, ys = 0, n = 0;
  ENT.forEach(function (e) { if (e.degree === 0) { xs += e.x; ys += e.y; n++; } });
  return {x: Math.round(xs / (n || 1)), y: Math.round(ys / (n || 1))};
}

// -- vis-network -----------------------------------------------------------------------------
var nodes = window.nodes = new vis.DataSet([]), edges = window.edges = new vis.DataSet([]);
var box = document.getElementById("mynetwork");
var drawnKeys = new Map();  // id -> JSON of what was last handed to vis
function prune(ds, items) {
  var gone = [];
  ds.getIds().forEach(function (id) { if (!items.has(id)) { gone.push(id); drawnKeys.delete(id); } });
  if (gone.length) ds.remove(gone);
}
function sync(ds, items, withXY) {
  var add = [], upd = [];
  items.forEach(function (item, id) {
    var key = JSON.stringify(item), before = drawnKeys.get(id);
    if (before === key) return;
    drawnKeys.set(id, key);
    if (before === undefined) {
      if (withXY && item.x === undefined) { var e = ENT[item.kg]; item.x = e.x; item.y = e.y; }
      add.push(item);
    } else upd.push(item);
  });
  if (upd.length) ds.update(upd);
  if (add.length) ds.add(add);
}
function render() {
  var b = view.current = build();
  var entities = [];
  b.nodes.forEach(function (n) { entities.push(n); });
  // labels go to the most important first: clusters by size, then entities by rank
  // labels go first to the lit entities (the focus, its neighbours, a path), then clusters
  // by size, then entities by rank
  view.order = entities.map(function (n) {
    var cluster = n.kgSize !== undefined;
    return {id: n.id, cluster: cluster, text: n.label,
            w: cluster ? -1e9 - n.kgSize : RANK[n.kg] - (b.lit && b.lit.has(n.kg) ? 3e9 : 0)};
  }).sort(function (a, b) { return a.w - b.w; });
  prune(edges, b.edges);  // edges first, so no edge points at a removed node
  prune(nodes, b.nodes);
  sync(nodes, b.nodes, true);
  sync(edges, b.edges, false);
  view.onRender.forEach(function (fn) { fn(b); });
}
view.onRender = [];
view.render = render;
var large = META.drawn > 1000;
var options = {
  autoResize: true,
  nodes: {borderWidth: 1, font: {size: FONT, face: "sans-serif", strokeWidth: 3, strokeColor: "#ffffff"},
          scaling: {label: {drawThreshold: DRAW_THRESHOLD}}},
  edges: {arrows: {to: {enabled: false, scaleFactor: 0.5}}, smooth: false, selectionWidth: 2,
          font: {size: 10, align: "middle", strokeWidth: 3, strokeColor: "#ffffff"},
          scaling: {label: {drawThreshold: 12}}},
  interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: large || META.clustered,
                hideEdgesOnZoom: large, multiselect: true},
  layout: {randomSeed: META.seed, improvedLayout: false},
  physics: {enabled: META.physics, solver: "forceAtlas2Based",
            forceAtlas2Based: {gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.2},
            stabilization: {enabled: true, iterations: 200, fit: true}}
};
view.orphanCount = function () {
  var n = 0;
  ENT.forEach(function (e) { if (orphanOk(e)) n++; });
  return n;
};
render();
var network = window.network = new vis.Network(box, {nodes: nodes, edges: edges}, options);
function ready() {
  if (view.ready) return;
  view.ready = true; view.readyAt = performance.now();
  document.body.setAttribute("data-kg-ready", "1");
}
if (META.physics && nodes.length) {
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);
} else network.once("afterDrawing", ready);
if (!ENT.length) document.getElementById("kg-empty").hidden = false;

// -- labels of the most important entities at any zoom ---------------------------------------
// vis draws every label once zoomed in; zoomed out it draws none, so the most important
// ones that fit without overlapping are drawn here, at a constant size on screen.
var MAX_LABELS = 80;
network.on("afterDrawing", function (ctx) {
  var scale = network.getScale();
  view.labels = [];
  if (FONT * scale >= DRAW_THRESHOLD - 1 || !view.order) return;
  var w = box.clientWidth, h = box.clientHeight, taken = [], tried = 0;
  var ids = view.order, positions = network.getPositions(ids.slice(0, 4000).map(function (o) { return o.id; }));
  ctx.save();
  for (var k = 0; k < ids.length && taken.length < MAX_LABELS && tried < 4000; k++) {
    var o = ids[k], p = positions[o.id];
    tried++;
    if (!p) continue;
    var node = network.body.nodes[o.id];
    if (!node || node.options.hidden) continue;
    var d = network.canvasToDOM(p), cluster = o.cluster, size = cluster ? 14 : 12;
    ctx.font = (cluster ? "bold " : "") + size / scale + "px sans-serif";
    // entity labels go under the node, cluster labels in the middle of their disc
    var tw = ctx.measureText(o.text).width * scale, r = cluster ? -(size + 4) / 2 : node.options.size * scale;
    var bx = {x: d.x - tw / 2 - 2, y: d.y + r + 1, w: tw + 4, h: size + 4};
    if (bx.x + bx.w < 0 || bx.x > w || bx.y + bx.h < 0 || bx.y > h) continue;
    if (taken.some(function (t) {
      return bx.x < t.x + t.w && t.x < bx.x + bx.w && bx.y < t.y + t.h && t.y < bx.y + bx.h;
    })) continue;
    taken.push(bx);
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineWidth = 3 / scale; ctx.strokeStyle = "#ffffff"; ctx.lineJoin = "round";
    var y = p.y + (r + 2) / scale;
    ctx.strokeText(o.text, p.x, y);
    ctx.fillStyle = node.options.font.color === "#bbb" ? "#bbb" : "#222";
    ctx.fillText(o.text, p.x, y);
    view.labels.push({id: o.id, text: o.text, x: bx.x, y: bx.y, w: bx.w, h: bx.h});
  }
  ctx.restore();
});

// -- opening and closing clusters ------------------------------------------------------------
function openCommunity(c) {
  if (c === null || c === undefined || S.open.has(c)) return false;
  S.open.add(c);
  return true;
}
view.openCluster = function (c) { if (openCommunity(c)) render(); };
view.closeCluster = function (c) { if (S.open.delete(c)) render(); };
view.reveal = function (i, later) {  // open the cluster entity i is in; render unless later
  var e = ENT[i], changed = false;
  if (e.degree === 0) {
    if (S.orphans && clustered(e)) changed = openCommunity("orphans");
  } else if (META.clustered && e.community >= 0) changed = openCommunity(e.community);
  if (changed && !later) render();
  return changed;
};
network.on("doubleClick", function (p) {
  var id = p.nodes[0];
  if (id === undefined) return;
  var n = nodes.get(id);
  if (n && n.kgCluster !== undefined) { view.openCluster(n.kgCluster); view.hideTip(); }
  else if (n && META.clustered && ENT[n.kg].community >= 0) view.closeCluster(ENT[n.kg].community);
});
document.getElementById("kg-collapse").addEventListener("click", function () {
  S.open = new Set(OPEN_AT_LOAD); render();
});
document.getElementById("kg-collapse").hidden = !META.clustered;
document.getElementById("kg-fit").addEventListener("click", function () {
  network.fit({animation: false});
});
var physicsBox = document.getElementById("kg-physics");
physicsBox.checked = META.physics;
physicsBox.addEventListener("change", function (ev) {
  network.setOptions({physics: {enabled: ev.target.checked}});
});
document.getElementById("kg-colour").addEventListener("change", function (ev) {
  S.colour = ev.target.value; render();
});
