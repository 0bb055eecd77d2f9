/* The ARIA combobox behind every type-ahead field (search.js: municipalities, ozg.js:
   OZG-Leistungen): a list fetched from `url?limit=N&q=...` as the user types, arrow keys
   to move, Enter to take the highlighted entry, Escape and blur to close. What an entry
   shows and what taking it does are the caller's (`describe`, `take`); entries are built
   with textContent only, never as HTML. */
(function () {
  "use strict";
  window.kgCombobox = function (input, url, describe, take) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
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
      if (items[i]) { take(items[i]); close(); }
    }
    function render(results) {
      items = results; list.textContent = "";
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i; li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span"); name.textContent = r.name;
        var more = document.createElement("span"); more.className = "muted";
        more.textContent = " · " + describe(r);
        li.appendChild(name); li.appendChild(more);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      if (results.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      else { close(); }
    }
    function fetchResults(q, limit) {
      return fetch(url + "?limit=" + limit + "&q=" + encodeURIComponent(q),
                   { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { return data.results || []; });
    }
    function query() {
      var q = input.value.trim();
      if (q.length < 2) { render([]); return; }
      var mine = ++seq;
      fetchResults(q, 8)
        .then(function (results) { if (mine === seq) { render(results); } })
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
    return { fetchResults: fetchResults };
  };
})();
