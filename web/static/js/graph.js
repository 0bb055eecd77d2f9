/* Draws every .kg-graph with the vendored vis-network. The data comes from a
   <script type="application/json"> block built with pyvis on the server.
   Tooltips are built as DOM elements with textContent: names from data are
   always shown as text, never parsed as HTML. */
(function () {
  "use strict";
  if (typeof vis === "undefined") { return; }
  function tooltip(text) {
    var box = document.createElement("div");
    String(text).split("\n").forEach(function (line, i) {
      var el = document.createElement(i === 0 ? "strong" : "div");
      el.textContent = line;
      box.appendChild(el);
      if (i === 0) { box.appendChild(document.createElement("br")); }
    });
    return box;
  }
  /* After physics has settled: push apart every two nodes whose boxes (dot and
     label) overlap, along the axis where they overlap least, until none do. The
     layout then stays fixed (physics is off), so no two labels cover each other. */
  function separate(network, ids) {
    var boxes = {}, pos = network.getPositions(ids), gap = 4;
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id), p = pos[id];
      boxes[id] = { l: b.left - p.x, r: b.right - p.x, t: b.top - p.y, b: b.bottom - p.y };
    });
    function box(id) {
      var o = boxes[id], p = pos[id];
      return { l: p.x + o.l - gap, r: p.x + o.r + gap, t: p.y + o.t - gap, b: p.y + o.b + gap };
    }
    for (var round = 0; round < 200; round++) {
      var moved = false;
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          var a = box(ids[i]), b = box(ids[j]);
          if (a.l >= b.r || b.l >= a.r || a.t >= b.b || b.t >= a.b) { continue; }
          var dx = Math.min(a.r - b.l, b.r - a.l), dy = Math.min(a.b - b.t, b.b - a.t);
          var pa = pos[ids[i]], pb = pos[ids[j]];
          if (dy <= dx) {
            var sy = (pa.y <= pb.y ? -1 : 1) * (dy / 2 + 1);
            pa.y += sy; pb.y -= sy;
          } else {
            var sx = (pa.x <= pb.x ? -1 : 1) * (dx / 2 + 1);
            pa.x += sx; pb.x -= sx;
          }
          moved = true;
        }
      }
      if (!moved) { break; }
    }
    ids.forEach(function (id) { network.moveNode(id, pos[id].x, pos[id].y); });
  }
  function draw(container) {
    var dataEl = document.getElementById(container.getAttribute("data-graph"));
    if (!dataEl) { return; }
    var g = JSON.parse(dataEl.textContent);
    container.style.height = container.getAttribute("data-height") || "500px";
    var nodes = g.nodes.map(function (n) {
      var copy = Object.assign({}, n);
      if (n.title) { copy.title = tooltip(n.title); }
      return copy;
    });
    var edges = g.edges.map(function (e, i) {
      var copy = Object.assign({ id: "e" + i }, e);
      if (e.title) { copy.title = tooltip(e.title); }
      return copy;
    });
    var network = new vis.Network(container,
      { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, g.options);
    var urls = {};
    g.nodes.forEach(function (n) { if (n.url) { urls[n.id] = n.url; } });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.redraw();
      separate(network, nodes.map(function (n) { return n.id; }));
      network.fit();
      container.setAttribute("data-stabilized", "true");
    });
    if (!g.options.physics.enabled) {
      /* A precomputed (geographic) layout stays where it is: of two labels that
         would overlap, the smaller node's is dropped (its tooltip still names it),
         once the labels have been measured in the first drawing. */
      network.once("afterDrawing", function () {
        var kept = [], hidden = [];
        nodes.filter(function (n) { return n.label; })
          .sort(function (a, b) { return (b.size || 0) - (a.size || 0); })
          .forEach(function (n) {
            var b = network.getBoundingBox(n.id);
            var clash = kept.some(function (k) {
              return b.left < k.right && k.left < b.right && b.top < k.bottom && k.top < b.bottom;
            });
            if (clash) { hidden.push({ id: n.id, label: "" }); } else { kept.push(b); }
          });
        if (hidden.length) { network.body.data.nodes.update(hidden); }
        container.setAttribute("data-stabilized", "true");
      });
    }
    network.on("click", function (params) {
      if (params.nodes.length && urls[params.nodes[0]]) { window.location.href = urls[params.nodes[0]]; }
    });
    network.on("hoverNode", function (params) { container.style.cursor = urls[params.node] ? "pointer" : "default"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });
    container.kgNetwork = network;
  }
  document.querySelectorAll(".kg-graph[data-graph]").forEach(draw);
})();
