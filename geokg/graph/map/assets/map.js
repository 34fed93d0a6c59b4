// The geokg map page: builds cards as DOM text (never markup) from the JSON data block,
// draws them with vis-network, and wires search, filters and the physics switch.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("geokg-data").textContent);
  var ui = data.ui;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function textEl(tag, className, text, lang) {
    var node = el(tag, className, text);
    node.dir = "auto";
    if (lang) { node.lang = lang; }
    return node;
  }
  function isWeb(url) { return /^https?:\/\/[^\s]+$/i.test(url || ""); }
  function link(url, text) {
    // Only http(s) URLs become links; paths and other schemes stay plain text.
    if (!isWeb(url)) { return textEl("span", "", text); }
    var a = textEl("a", "", text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function field(key, value) {
    var p = el("p");
    p.appendChild(el("span", "key", key + ": "));
    p.appendChild(textEl("span", "", value));
    return p;
  }
  function card(title) {
    var box = el("div", "card");
    box.dir = data.dir;
    box.appendChild(textEl("h2", "", title));
    return box;
  }
  function nodeLabel(id) { return data.nodeInfo[id] ? data.nodeInfo[id].label : id; }

  function nodeCard(id) {
    var info = data.nodeInfo[id], box = card(info.label), labels = el("ul", "labels");
    Object.keys(info.labels).sort().forEach(function (lang) {
      var li = el("li");
      li.appendChild(el("span", "lang", lang || "?"));
      li.appendChild(textEl("span", "", info.labels[lang], lang));
      labels.appendChild(li);
    });
    box.appendChild(labels);
    box.appendChild(field(ui.type, info.typeLabel));
    if (/^Q[1-9][0-9]*$/.test(info.qid || "")) {
      var p = el("p");
      p.appendChild(el("span", "key", ui.wikidata + ": "));
      p.appendChild(link("https://www.wikidata.org/wiki/" + info.qid, info.qid));
      box.appendChild(p);
    }
    box.appendChild(textEl("p", "iri", info.iri));
    return box;
  }

  function edgeCard(id) {
    var info = data.edgeInfo[id], box = card(info.label), ends = el("p");
    ends.appendChild(textEl("span", "", nodeLabel(info.from)));
    var arrow = info.symmetric ? " \u2014 " : (data.dir === "rtl" ? " \u2190 " : " \u2192 ");
    ends.appendChild(el("span", "", arrow));
    ends.appendChild(textEl("span", "", nodeLabel(info.to)));
    box.appendChild(ends);
    box.appendChild(field(ui.support, String(info.support)));
    box.appendChild(field(ui.modality, info.modalities.map(function (m) {
      return ui.modalities[m] || m;
    }).join(", ")));
    if (info.evidence.length) { box.appendChild(el("p", "key", ui.evidence + ":")); }
    var list = el("ol");
    info.evidence.forEach(function (ev) {
      var li = el("li"), meta = el("p", "meta"), parts = [];
      li.appendChild(textEl("blockquote", "", ev.text));
      parts.push(ev.source ? link(ev.source, ev.title || ev.source) : textEl("span", "", ev.title));
      if (ev.date) { parts.push(textEl("span", "", ev.date)); }
      if (ev.source && !isWeb(ev.source)) { parts.push(textEl("span", "", ev.source)); }
      parts.push(textEl("span", "", ui.modalities[ev.modality] || ev.modality));
      // Each part is its own direction-isolated span; a separator keeps an English title and a
      // date apart in an Arabic card, on screen, when copied and when read aloud.
      parts.forEach(function (part, i) {
        if (i) { meta.appendChild(el("span", "sep", " \u00b7 ")); }
        meta.appendChild(part);
      });
      li.appendChild(meta);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  // vis-network renders string titles as HTML in some versions: give it elements.
  data.nodes.forEach(function (n) { n.title = nodeCard(n.id); });
  data.edges.forEach(function (e) { e.title = edgeCard(e.id); });
  // Labels are drawn by labels.js (fixed on-screen size, decluttered), so vis-network draws none.
  var labelItems = data.nodes.map(function (n) {
    var info = data.nodeInfo[n.id];
    return { id: n.id, text: info.label, px: info.labelPx, score: info.score };
  }).sort(function (a, b) { return b.score - a.score || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0); });
  data.nodes.forEach(function (n) { delete n.label; });
  var home = {};  // the network layout's positions, to come back to from the geographic view
  data.nodes.forEach(function (n) { home[n.id] = [n.x, n.y]; });

  // In-page filters: the legend's checkboxes hide entity types and relation families.
  // The date slider hides edges outside its range, and entities left with none of their edges.
  var hiddenTypes = {}, hiddenFamilies = {};
  var nodeSet = new vis.DataSet(data.nodes), edgeSet = new vis.DataSet(data.edges);
  var time = window.geokgTimeline(data, ui, function () { nodeView.refresh(); edgeView.refresh(); });
  function nodeShown(id) {
    var info = data.nodeInfo[id];
    return !!info && !hiddenTypes[info.type] && time.nodeShown(id) && (!geo || geo.mode() !== "geo" || !!info.geo);
  }
  var nodeView = new vis.DataView(nodeSet, { filter: function (n) { return nodeShown(n.id); } });
  var edgeView = new vis.DataView(edgeSet, { filter: function (e) {
    var info = data.edgeInfo[e.id];
    return !hiddenFamilies[info.family] && time.edgeShown(e.id) && nodeShown(info.from) && nodeShown(info.to);
  } });
  var started = performance.now();
  var network = new vis.Network(document.getElementById("map"),
    { nodes: nodeView, edges: edgeView }, data.options);
  var labels = window.geokgLabels(network, labelItems, data.dir);
  var geo = window.geokgGeo(network, data, nodeSet, home);
  if (data.layout === "geo") { geo.set("geo"); nodeView.refresh(); edgeView.refresh(); }

  // Tests and benchmarks read window.geokgMap: ready is set once the first layout is drawn.
  var api = { network: network, ready: false, layoutMs: null, labels: labels.shown, layout: geo.mode, time: time, drawn: function () {
    return { nodes: nodeView.length, edges: edgeView.length };
  } };
  window.geokgMap = api;
  function fitView() {
    // Positions come laid out from Python; leave a margin so edge labels and rims stay inside.
    if (!data.nodes.length) { return; }
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.92, animation: false });
  }
  api.fit = fitView;
  fitView();
  network.once("afterDrawing", function () {
    api.ready = true;
    api.layoutMs = Math.round(performance.now() - started);
    document.body.setAttribute("data-ready", "true");
  });
  network.redraw();
  if (!data.nodes.length) { api.ready = true; document.body.setAttribute("data-ready", "true"); }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (box) {
    box.addEventListener("change", function () {
      var hidden = box.getAttribute("data-filter") === "type" ? hiddenTypes : hiddenFamilies;
      hidden[box.value] = !box.checked;
      nodeView.refresh();
      edgeView.refresh();
    });
  });

  var details = document.getElementById("details"), body = document.getElementById("details-body");
  function show(box) {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(box);
    details.hidden = false;
  }
  document.getElementById("details-close").addEventListener("click", function () {
    details.hidden = true;
  });
  network.on("click", function (params) {
    if (params.nodes.length) { show(nodeCard(params.nodes[0])); }
    else if (params.edges.length) { show(edgeCard(params.edges[0])); }
    else { details.hidden = true; }
  });

  function fold(text) {
    // Match as the extractor does: ignore case, harakat, tatweel and hamza on alef.
    return String(text).normalize("NFKC").replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625]/g, "\u0627").toLocaleLowerCase().trim();
  }
  var names = document.getElementById("entity-names"), index = [];
  Object.keys(data.nodeInfo).sort().forEach(function (id) {
    var info = data.nodeInfo[id], keys = [info.label, info.iri];
    Object.keys(info.labels).forEach(function (lang) { keys.push(info.labels[lang]); });
    index.push({ id: id, keys: keys.map(fold) });
    var option = document.createElement("option");
    option.value = info.label;
    names.appendChild(option);
  });
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = fold(input.value), exact = null, partial = null;
    if (!query) { return; }
    index.forEach(function (entry) {
      if (!exact && entry.keys.indexOf(query) >= 0) { exact = entry.id; }
      var hit = entry.keys.some(function (k) { return k.indexOf(query) >= 0; });
      if (!partial && hit) { partial = entry.id; }
    });
    var found = exact || partial;
    if (found && !network.body.nodes[found] && nodeShown(found)) {
      status.textContent = "";
      show(nodeCard(found));  // an entity listed beside the map, with no relation drawn
      return;
    }
    if (found && !nodeShown(found)) {
      hiddenTypes[data.nodeInfo[found].type] = false;
      Array.prototype.forEach.call(document.querySelectorAll('input[data-filter="type"]'), function (box) {
        if (box.value === data.nodeInfo[found].type) { box.checked = true; }
      });
      nodeView.refresh();
      edgeView.refresh();
    }
    status.textContent = found ? "" : ui.notFound;
    if (found) {
      network.selectNodes([found]);
      network.focus(found, { scale: 1.4, animation: { duration: 500 } });
      show(nodeCard(found));
    }
  });

  function listPanel(name, ids) {
    // A side list of entities not drawn (no relation; no place on the world map): each opens its card.
    var box = document.getElementById(name), list = document.getElementById(name + "-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    document.getElementById(name + "-title").textContent = ui[name].replace("{count}", ids.length);
    ids.forEach(function (id) {
      var li = el("li"), button = textEl("button", "", data.nodeInfo[id].label);
      button.type = "button";
      button.addEventListener("click", function () { show(nodeCard(id)); });
      li.appendChild(button);
      list.appendChild(li);
    });
    box.hidden = !ids.length;
  }
  listPanel("isolated", data.isolated);
  var unplaced = data.nodes.filter(function (n) { return !data.nodeInfo[n.id].geo; }).map(function (n) { return n.id; });
  function showUnplaced() { listPanel("unplaced", geo.mode() === "geo" ? unplaced : []); }
  showUnplaced();

  Array.prototype.forEach.call(document.querySelectorAll('input[name="layout"]'), function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) { return; }
      geo.set(radio.value);
      nodeView.refresh();
      edgeView.refresh();
      showUnplaced();
      fitView();
    });
  });

  var physics = document.getElementById("physics");
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });
})();
