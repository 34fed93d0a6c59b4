// Node labels drawn by the page rather than by vis-network: each keeps one on-screen size (by
// importance) at any zoom, and a label that would overlap another label, lie under a node or leave
// the canvas waits, the least important first, until zooming in makes room for it.
window.geokgLabels = function (network, items, dir) {
  "use strict";
  var CELL = 64, GAP = 2, FONT = "px system-ui, 'DejaVu Sans', sans-serif";
  var widths = {}, shown = [];

  function grid() {
    var cells = {};
    function keys(b) {
      var out = [];
      for (var x = Math.floor(b.x / CELL); x <= Math.floor((b.x + b.w) / CELL); x++) {
        for (var y = Math.floor(b.y / CELL); y <= Math.floor((b.y + b.h) / CELL); y++) { out.push(x + "," + y); }
      }
      return out;
    }
    return {
      add: function (b) { keys(b).forEach(function (k) { (cells[k] = cells[k] || []).push(b); }); },
      hits: function (b, test) {
        return keys(b).some(function (k) { return (cells[k] || []).some(function (o) { return test(b, o); }); });
      },
    };
  }
  function overlaps(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }
  function underNode(box, disc) {
    if (disc.id === box.id) { return false; }
    var nx = Math.max(box.x, Math.min(disc.cx, box.x + box.w)), ny = Math.max(box.y, Math.min(disc.cy, box.y + box.h));
    return (nx - disc.cx) * (nx - disc.cx) + (ny - disc.cy) * (ny - disc.cy) < disc.r * disc.r;
  }
  function discs() {
    // Every drawn node, in page pixels relative to the canvas.
    var scale = network.getScale(), out = [];
    network.body.nodeIndices.forEach(function (id) {
      var node = network.body.nodes[id], at = network.canvasToDOM({ x: node.x, y: node.y });
      var r = (node.options.size || 10) * scale + 1;
      out.push({ id: id, cx: at.x, cy: at.y, r: r, x: at.x - r, y: at.y - r, w: 2 * r, h: 2 * r });
    });
    return out;
  }
  function candidates(disc, w, h) {
    // Below the node first, then above, then beside it, then at its corners.
    var r = disc.r + GAP, d = disc.r * 0.7 + GAP;
    return [
      { x: disc.cx - w / 2, y: disc.cy + r }, { x: disc.cx - w / 2, y: disc.cy - r - h },
      { x: disc.cx + r, y: disc.cy - h / 2 }, { x: disc.cx - r - w, y: disc.cy - h / 2 },
      { x: disc.cx + d, y: disc.cy + d }, { x: disc.cx + d, y: disc.cy - d - h },
      { x: disc.cx - d - w, y: disc.cy + d }, { x: disc.cx - d - w, y: disc.cy - d - h },
    ];
  }
  function panels() {
    // The legend, side lists, slider and card lie over the canvas: a label under them could not be read.
    var canvas = network.canvas.frame.canvas.getBoundingClientRect(), out = [];
    Array.prototype.forEach.call(document.querySelectorAll(".legend, .isolated, .timeline, #details"), function (panel) {
      if (panel.hidden || !panel.offsetParent) { return; }
      var r = panel.getBoundingClientRect();
      out.push({ id: null, x: r.left - canvas.left, y: r.top - canvas.top, w: r.width, h: r.height });
    });
    return out;
  }
  function place(ctx, width, height) {
    var all = discs(), byId = {}, nodes = grid(), labels = grid(), out = [];
    all.forEach(function (d) { byId[d.id] = d; nodes.add(d); });
    panels().forEach(labels.add);
    items.forEach(function (item) {
      var disc = byId[item.id];
      if (!disc) { return; }
      var key = item.id + "|" + item.px;
      if (widths[key] === undefined) { ctx.font = item.px + FONT; widths[key] = ctx.measureText(item.text).width; }
      var w = widths[key] + 4, h = Math.ceil(item.px * 1.25);
      candidates(disc, w, h).some(function (at) {
        var box = { id: item.id, x: at.x, y: at.y, w: w, h: h, px: item.px, text: item.text };
        if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height) { return false; }
        if (labels.hits(box, overlaps) || nodes.hits(box, underNode)) { return false; }
        labels.add(box);
        out.push(box);
        return true;
      });
    });
    return out;
  }
  function draw(ctx) {
    var canvas = ctx.canvas, ratio = canvas.width / canvas.clientWidth;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);  // page pixels, whatever the zoom
    shown = place(ctx, canvas.clientWidth, canvas.clientHeight);
    ctx.direction = dir; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.lineJoin = "round"; ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#222222";
    shown.forEach(function (b) {
      ctx.font = b.px + FONT;
      ctx.strokeText(b.text, b.x + b.w / 2, b.y + b.h / 2);
      ctx.fillText(b.text, b.x + b.w / 2, b.y + b.h / 2);
    });
    ctx.restore();
  }
  network.on("afterDrawing", draw);
  return { shown: function () { return shown.map(function (b) { return { id: b.id, x: b.x, y: b.y, w: b.w, h: b.h, px: b.px }; }); } };
};
