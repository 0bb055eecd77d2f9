/* Type-ahead for the OZG-Leistung field of the partner finder (an ARIA combobox, the
   pattern of search.js). A pick puts the Leistung's name into the field; the server
   turns the name into its ID. Names from the server are inserted with textContent. */
(function () {
  "use strict";
  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var url = input.getAttribute("data-ozg-typeahead");
    var items = [], active = -1, timer = null, seq = 0;

    function close() {
      list.hidden = true; input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant"); active = -1;
    }
    function highlight(i) {
      var lis = list.querySelectorAll("li");
      lis.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && lis[i]) {
        input.setAttribute("aria-activedescendant", lis[i].id);
        lis[i].scrollIntoView({ block: "nearest" });
      }
    }
    function pick(i) {
      var it = items[i];
      if (it) { input.value = it.name; close(); }
    }
    function render(results) {
      items = results; list.textContent = "";
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i; li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span"); name.textContent = r.name;
        var more = document.createElement("span"); more.className = "muted";
        var bits = [r.themenfeld, "OZG-ID " + r.id];
        if (r.projects) { bits.push(r.projects === 1 ? "1 Projekt" : r.projects + " Projekte"); }
        more.textContent = " · " + bits.filter(Boolean).join(" · ");
        li.appendChild(name); li.appendChild(more);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      if (results.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      else { close(); }
    }
    function query() {
      var q = input.value.trim();
      if (q.length < 2) { render([]); return; }
      var mine = ++seq;
      fetch(url + "?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (mine === seq) { render(data.results || []); } })
        .catch(function () { render([]); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(query, 150); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); list.hidden = false; highlight(Math.min(active + 1, items.length - 1)); }
      else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (ev.key === "Enter" && active >= 0 && !list.hidden) { ev.preventDefault(); pick(active); }
      else if (ev.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  document.querySelectorAll("input[data-ozg-typeahead]").forEach(setup);
})();
