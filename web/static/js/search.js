/* Type-ahead search for municipalities (an ARIA combobox). Names from the server
   are always inserted with textContent, never as HTML. */
(function () {
  "use strict";
  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var url = input.getAttribute("data-typeahead");
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
    function open(i) {
      var it = items[i];
      if (it) { window.location.href = it.url; }
    }
    function render(results) {
      items = results; list.textContent = "";
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i; li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span"); name.textContent = r.name;
        var where = document.createElement("span"); where.className = "muted";
        where.textContent = " · " + [r.district, r.state].filter(Boolean).join(", ") + " · AGS " + r.ags;
        li.appendChild(name); li.appendChild(where);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); open(i); });
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
      else if (ev.key === "Enter" && active >= 0 && !list.hidden && input.form && input.form.getAttribute("role") === "search") { ev.preventDefault(); open(active); }
      else if (ev.key === "Enter" && active >= 0 && !list.hidden) { ev.preventDefault(); input.value = items[active].ags; close(); }
      else if (ev.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    // Outside the start page a chosen entry fills the field with its AGS instead of navigating.
    if (!(input.form && input.form.getAttribute("role") === "search")) {
      open = function (i) { var it = items[i]; if (it) { input.value = it.ags; close(); } };
    }
  }
  document.querySelectorAll("input[data-typeahead]").forEach(setup);
})();
