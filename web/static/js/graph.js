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
      container.setAttribute("data-stabilized", "true");
    });
    if (!g.options.physics.enabled) { container.setAttribute("data-stabilized", "true"); }
    network.on("click", function (params) {
      if (params.nodes.length && urls[params.nodes[0]]) { window.location.href = urls[params.nodes[0]]; }
    });
    network.on("hoverNode", function (params) { container.style.cursor = urls[params.node] ? "pointer" : "default"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });
    container.kgNetwork = network;
  }
  document.querySelectorAll(".kg-graph[data-graph]").forEach(draw);
})();
