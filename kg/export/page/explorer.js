/* The graph explorer of `kg export --format html`: plain JavaScript, no library, no network.
   The page carries its data (nodes with positions laid out by kg, edges) in #kg-data. */
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var edgeLayer = document.getElementById("edges");
  var nodeLayer = document.getElementById("nodes");
  var details = document.getElementById("details");
  var search = document.getElementById("search");
  var searchResult = document.getElementById("search-result");
  var topicSelect = document.getElementById("topic");
  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");
  // Nodes with no link to another (unconnected) are hidden until asked for: in a network
  // they only crowd the picture.
  var lonelyBox = document.getElementById("lonely");

  var byId = {};
  var neighbours = {};
  var view = { scale: 1, x: 0, y: 0 };
  var selectedId = null;
  var typeShown = {};

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function html(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  // ---------------------------------------------------------------- drawing
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    neighbours[n.id] = [];
  });
  data.edges.forEach(function (e, i) {
    var a = byId[e.source], b = byId[e.target];
    e.line = el("line", { "class": "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "vector-effect": "non-scaling-stroke",
                          "stroke-width": e.weight ? Math.min(1 + e.weight * 0.8, 9) : 1 }, edgeLayer);
    var title = el("title", {}, e.line);
    title.textContent = a.label + " — " + e.label + " — " + b.label;
    neighbours[e.source].push({ edge: e, other: e.target, out: true });
    neighbours[e.target].push({ edge: e, other: e.source, out: false });
    e.index = i;
  });
  data.nodes.forEach(function (n) {
    var g = el("g", { "class": "node", "data-id": n.id, "data-type": n.type }, nodeLayer);
    n.circle = el("circle", { cx: n.x, cy: n.y, r: n.r, fill: data.types[n.type] ? data.types[n.type].color : "#999" }, g);
    var text = el("text", { x: n.x, y: n.y + n.r + 14, "text-anchor": "middle" }, g);
    text.textContent = n.short;
    n.text = text;
    var title = el("title", {}, g);
    title.textContent = n.label;
    g.addEventListener("click", function (ev) { ev.stopPropagation(); select(n.id, false); });
    n.g = g;
  });

  var lonelyCount = 0;
  data.nodes.forEach(function (n) {
    n.lonely = !neighbours[n.id].some(function (c) { return c.other !== n.id; });
    if (n.lonely) { lonelyCount += 1; }
  });
  document.getElementById("lonely-count").textContent = String(lonelyCount);

  // ---------------------------------------------------------------- pan and zoom
  function applyView() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.scale + ")");
    scheduleRelabel();
  }

  // Labels and dots keep a readable size on screen however far out one zooms; where labels
  // would overlap, the better-connected node keeps its label (the selected one always does).
  var relabelPending = false;
  function scheduleRelabel() {
    if (relabelPending) { return; }
    relabelPending = true;
    window.requestAnimationFrame(function () { relabelPending = false; relabel(); });
  }

  function relabel() {
    var font = Math.max(12, 10 / view.scale);
    var minR = 3.5 / view.scale;
    var cell = 160 / view.scale;
    var grid = {};
    var order = data.nodes.filter(function (n) { return n.visible; }).sort(function (a, b) {
      return (b.id === selectedId) - (a.id === selectedId) || neighbours[b.id].length - neighbours[a.id].length ||
        (a.id < b.id ? -1 : 1);
    });
    function clashes(box, add) {
      var hit = false;
      for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
        for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
          var key = gx + ":" + gy;
          if (add) { (grid[key] = grid[key] || []).push(box); continue; }
          (grid[key] || []).forEach(function (o) {
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) { hit = true; }
          });
        }
      }
      return hit;
    }
    // CJK glyphs are about one em wide, Latin letters about half of one (as layout.py reckons).
    function textWidth(text) {
      var wide = 0;
      for (var i = 0; i < text.length; i++) { if (text.charCodeAt(i) > 0x2E80) { wide++; } }
      return (text.length - wide) * 0.56 + wide;
    }
    order.forEach(function (n) {
      var r = Math.max(n.r, minR);
      n.circle.setAttribute("r", r);
      var w = textWidth(n.short) * font;
      var top = n.y + r + 2;
      var box = [n.x - w / 2, top, n.x + w / 2, top + font * 1.2];
      var dot = [n.x - r, n.y - r, n.x + r, n.y + r];
      var show = n.id === selectedId || !clashes(box, false);
      if (show) { clashes(box, true); }
      clashes(dot, true);
      n.text.setAttribute("font-size", font);
      n.text.setAttribute("y", top + font * 0.95);
      n.text.classList.toggle("hidden", !show);
    });
  }

  function fit() {
    var shown = data.nodes.filter(function (n) { return n.visible; });
    if (!shown.length) { shown = data.nodes; }
    if (!shown.length) { return; }
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    shown.forEach(function (n) {
      minX = Math.min(minX, n.x - n.r); maxX = Math.max(maxX, n.x + n.r);
      minY = Math.min(minY, n.y - n.r); maxY = Math.max(maxY, n.y + n.r);
    });
    var box = svg.getBoundingClientRect();
    // Room on screen for labels, which keep their size on screen whatever the zoom.
    var padX = 110, padY = 40;
    var scale = Math.min((box.width - 2 * padX) / Math.max(maxX - minX, 1), (box.height - 2 * padY) / Math.max(maxY - minY, 1));
    view.scale = Math.max(0.05, Math.min(scale, 2.5));
    view.x = (box.width - (maxX - minX) * view.scale) / 2 - minX * view.scale;
    view.y = (box.height - (maxY - minY) * view.scale) / 2 - minY * view.scale;
    applyView();
  }

  function zoomAt(factor, cx, cy) {
    var scale = Math.max(0.05, Math.min(view.scale * factor, 8));
    view.x = cx - (cx - view.x) * (scale / view.scale);
    view.y = cy - (cy - view.y) * (scale / view.scale);
    view.scale = scale;
    applyView();
  }

  function centreOn(n) {
    var box = svg.getBoundingClientRect();
    if (view.scale < 1) { view.scale = 1; }
    view.x = box.width / 2 - n.x * view.scale;
    view.y = box.height / 2 - n.y * view.scale;
    applyView();
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect();
    zoomAt(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - box.left, ev.clientY - box.top);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest(".node")) { return; }
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    svg.classList.add("panning");
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    view.x = drag.vx + ev.clientX - drag.x;
    view.y = drag.vy + ev.clientY - drag.y;
    drag.moved = drag.moved || Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3;
    applyView();
  });
  window.addEventListener("pointerup", function () {
    if (drag && !drag.moved) { select(null, false); }
    drag = null;
    svg.classList.remove("panning");
  });
  document.getElementById("zoom-in").addEventListener("click", function () {
    var box = svg.getBoundingClientRect(); zoomAt(1.3, box.width / 2, box.height / 2);
  });
  document.getElementById("zoom-out").addEventListener("click", function () {
    var box = svg.getBoundingClientRect(); zoomAt(1 / 1.3, box.width / 2, box.height / 2);
  });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  window.addEventListener("resize", fit);

  // ---------------------------------------------------------------- filters
  var typesBox = document.getElementById("types");
  Object.keys(data.types).sort(function (a, b) {
    return data.types[a].name.localeCompare(data.types[b].name);
  }).forEach(function (t) {
    typeShown[t] = true;
    var label = html("label");
    var box = html("input");
    box.type = "checkbox"; box.checked = true; box.value = t;
    box.addEventListener("change", function () { typeShown[t] = box.checked; filtersChanged(); });
    var swatch = html("span", null, "swatch");
    swatch.style.background = data.types[t].color;
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(document.createTextNode(data.types[t].name + " (" + data.types[t].count + ")"));
    typesBox.appendChild(label);
  });
  data.topics.forEach(function (t) {
    var option = html("option", t.label); option.value = t.id; topicSelect.appendChild(option);
  });
  if (data.dates.min) { dateFrom.min = dateTo.min = data.dates.min; }
  if (data.dates.max) { dateFrom.max = dateTo.max = data.dates.max; }
  topicSelect.addEventListener("change", filtersChanged);
  dateFrom.addEventListener("change", filtersChanged);
  dateTo.addEventListener("change", filtersChanged);
  lonelyBox.addEventListener("change", filtersChanged);
  document.getElementById("reset").addEventListener("click", function () {
    Array.prototype.forEach.call(typesBox.querySelectorAll("input"), function (box) {
      box.checked = true; typeShown[box.value] = true;
    });
    topicSelect.value = ""; dateFrom.value = ""; dateTo.value = ""; lonelyBox.checked = false;
    filtersChanged();
  });

  function topicOk(n, topic) {
    if (!topic) { return true; }
    if (n.type === "Topic") { return n.id === topic; }
    if (n.type === "Commitment") { return (n.topics || []).indexOf(topic.replace(/^.*\//, "")) >= 0; }
    return true;
  }

  function dateOk(n, from, to) {
    if (!n.start) { return true; }  // undated things (actors, people) stay
    var end = n.end || n.start;
    if (from && end < from) { return false; }
    return !(to && n.start > to);
  }

  function applyFilters() {
    var topic = topicSelect.value, from = dateFrom.value, to = dateTo.value;
    var shown = 0;
    data.nodes.forEach(function (n) {
      n.visible = typeShown[n.type] !== false && topicOk(n, topic) && dateOk(n, from, to) &&
        (lonelyBox.checked || !n.lonely);
      n.g.classList.toggle("hidden", !n.visible);
      if (n.visible) { shown += 1; }
    });
    var edgesShown = 0;
    data.edges.forEach(function (e) {
      var visible = byId[e.source].visible && byId[e.target].visible;
      e.line.classList.toggle("hidden", !visible);
      if (visible) { edgesShown += 1; }
    });
    document.getElementById("count").textContent =
      shown + " of " + data.nodes.length + " nodes, " + edgesShown + " of " + data.edges.length + " edges shown";
    if (selectedId && !byId[selectedId].visible) { select(null, false); }
    scheduleRelabel();
  }

  // A filter changes what is shown: frame what is left (it may lie outside the old view).
  function filtersChanged() {
    applyFilters();
    fit();
  }

  // ---------------------------------------------------------------- search
  var names = document.getElementById("names");
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
    if (n.type === "Commitment") { return; }  // sentences are too long for a list of names
    var option = html("option"); option.value = n.label; names.appendChild(option);
  });

  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var found = data.nodes.filter(function (n) {
      return n.visible && (n.label.toLowerCase().indexOf(q) >= 0 || n.id.toLowerCase().indexOf(q) >= 0);
    });
    // An exact name first, then names that start with the query, then the rest.
    function rank(n) {
      var l = n.label.toLowerCase();
      return l === q ? 0 : (l.indexOf(q) === 0 ? 1 : 2);
    }
    return found.sort(function (a, b) { return rank(a) - rank(b) || a.label.length - b.label.length; });
  }

  function runSearch(pick) {
    var found = matches(search.value);
    var ids = {};
    found.forEach(function (n) { ids[n.id] = true; });
    data.nodes.forEach(function (n) { n.g.classList.toggle("match", !!ids[n.id] && search.value.trim() !== ""); });
    if (!search.value.trim()) { searchResult.textContent = ""; return; }
    searchResult.textContent = found.length ? found.length + " found" + (pick ? "" : " — Enter selects the first") : "nothing found";
    if (found.length && (pick || (found.length === 1))) { select(found[0].id, true); }
  }
  search.addEventListener("input", function () { runSearch(false); });
  search.addEventListener("change", function () { runSearch(true); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); runSearch(true); }
  });

  // ---------------------------------------------------------------- details
  var HIDDEN_KEYS = { id: 1, label: 1, type: 1, x: 1, y: 1, r: 1, w: 1, g: 1, short: 1, visible: 1,
                      start: 1, end: 1, topics: 1, attrs: 1 };

  function link(id) {
    var a = html("a", byId[id].label);
    a.addEventListener("click", function () { select(id, true); });
    return a;
  }

  function showDetails(n) {
    details.textContent = "";
    var badge = html("span", data.types[n.type] ? data.types[n.type].name : n.type, "type");
    badge.style.background = data.types[n.type] ? data.types[n.type].color : "#999";
    details.appendChild(badge);
    details.appendChild(html("h2", n.label));
    var attrs = n.attrs;
    if (n.type === "Commitment" || n.type === "Meeting") {
      var sentence = attrs.source_text || attrs.text;
      if (sentence) {
        details.appendChild(html("h3", "Source sentence"));
        details.appendChild(html("blockquote", sentence));
      }
      if (attrs.readout) {
        details.appendChild(html("h3", "Readout"));
        var p = html("p", attrs.readout);
        var more = [attrs.readout_date, attrs.readout_source].filter(Boolean).join(" · ");
        if (more) { p.appendChild(html("br")); p.appendChild(html("span", more, "hint")); }
        details.appendChild(p);
      }
    }
    var table = html("table");
    var shownAbove = (n.type === "Commitment" || n.type === "Meeting") ?
      { source_text: 1, text: 1, readout: 1, readout_date: 1, readout_source: 1 } : {};
    Object.keys(attrs).sort().forEach(function (k) {
      if (HIDDEN_KEYS[k] || shownAbove[k] || attrs[k] === "" || attrs[k] === null) { return; }
      var row = html("tr");
      row.appendChild(html("th", k.replace(/_/g, " ")));
      row.appendChild(html("td", attrs[k]));
      table.appendChild(row);
    });
    details.appendChild(html("h3", "Attributes"));
    details.appendChild(table);
    var links = neighbours[n.id];
    if (links.length) {
      details.appendChild(html("h3", "Connections (" + links.length + ")"));
      var list = html("ul");
      links.slice(0, 200).forEach(function (c) {
        var item = html("li");
        item.appendChild(document.createTextNode((c.out ? c.edge.label + " → " : "← " + c.edge.label + " ")));
        item.appendChild(link(c.other));
        list.appendChild(item);
      });
      details.appendChild(list);
    }
  }

  function select(id, centre) {
    if (selectedId && byId[selectedId]) {
      byId[selectedId].g.classList.remove("selected");
      neighbours[selectedId].forEach(function (c) { c.edge.line.classList.remove("lit"); });
    }
    selectedId = id;
    if (!id) {
      details.textContent = "";
      details.appendChild(html("p", "Click a node, or search a name, to see what the readouts say about it.", "hint"));
      return;
    }
    var n = byId[id];
    n.g.classList.add("selected");
    nodeLayer.appendChild(n.g);  // on top of its neighbours
    neighbours[id].forEach(function (c) { c.edge.line.classList.add("lit"); });
    showDetails(n);
    if (centre) { centreOn(n); }
    scheduleRelabel();
  }

  applyFilters();
  fit();
  // For tests and the curious: what the page drew and what is selected.
  window.kgExplorer = {
    nodeCount: data.nodes.length,
    edgeCount: data.edges.length,
    selected: function () { return selectedId; },
    select: function (id, centre) { select(id, centre !== false); },
    visibleCount: function () { return data.nodes.filter(function (n) { return n.visible; }).length; }
  };
}());
