// The geographic view: nodes move to the positions geo.py computed, the world outline is drawn
// under them (from the shipped Natural Earth data, so nothing is fetched), and edges become arcs.
window.geokgGeo = function (network, data, nodeSet, home) {
  "use strict";
  var mode = "network", outline = null;
  var ARCS = { enabled: true, type: "curvedCW", roundness: 0.25 };

  function shapes() {
    // Built once: one Path2D of every country ring, in canvas units.
    if (outline) { return outline; }
    outline = new Path2D();
    var k = data.world.degree;
    data.world.shapes.forEach(function (ring) {
      for (var i = 0; i < ring.length; i += 2) {
        var x = ring[i] * k, y = -ring[i + 1] * k;
        if (i) { outline.lineTo(x, y); } else { outline.moveTo(x, y); }
      }
      outline.closePath();
    });
    return outline;
  }
  network.on("beforeDrawing", function (ctx) {
    if (mode !== "geo") { return; }
    ctx.save();
    ctx.fillStyle = "#eef1f4"; ctx.strokeStyle = "#b7c0ca"; ctx.lineWidth = 1 / network.getScale();
    ctx.fill(shapes()); ctx.stroke(shapes());
    ctx.restore();
  });
  function set(next) {
    if (!data.world) { return; }
    mode = next;
    nodeSet.update(Object.keys(home).map(function (id) {
      var at = next === "geo" ? data.nodeInfo[id].geo || home[id] : home[id];  // those without a place are hidden
      return { id: id, x: at[0], y: at[1] };
    }));
    network.setOptions({ edges: { smooth: next === "geo" ? ARCS : data.options.edges.smooth } });
  }
  return { available: !!data.world, set: set, mode: function () { return mode; } };
};
