/* Type-ahead search for municipalities (an ARIA combobox). Names from the server
   are always inserted with textContent, never as HTML.
   The list comes in the order the server's resolver ranks the name, so Enter
   without a highlighted entry (the form goes to /suche or the page's own view)
   opens the same municipality as the first entry.
   On the start page a chosen entry opens its page. In other forms it fills the
   field with the municipality's name and sends its AGS in a hidden field of the
   same name (typing again drops the AGS); a field that arrives holding an AGS
   shows the name too. */
(function () {
  "use strict";
  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var url = input.getAttribute("data-typeahead");
    var isSearch = !!(input.form && input.form.getAttribute("role") === "search");
    var fieldName = input.getAttribute("name");
    var items = [], active = -1, timer = null, seq = 0, hidden = null;

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
    // A chosen municipality: its name is shown, its AGS is what the form sends.
    function choose(it) {
      input.value = it.name;
      if (!hidden) {
        hidden = document.createElement("input"); hidden.type = "hidden";
        input.insertAdjacentElement("afterend", hidden);
      }
      hidden.name = fieldName; hidden.value = it.ags;
      input.removeAttribute("name"); input.setAttribute("data-ags", it.ags);
      close();
    }
    function unchoose() {
      if (hidden && hidden.name) {
        hidden.removeAttribute("name"); hidden.value = "";
        input.setAttribute("name", fieldName); input.removeAttribute("data-ags");
      }
    }
    function open(i) {
      var it = items[i];
      if (!it) { return; }
      if (isSearch) { input.value = it.name; close(); window.location.href = it.url; }
      else { choose(it); }
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
    input.addEventListener("input", function () { unchoose(); clearTimeout(timer); timer = setTimeout(query, 150); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); list.hidden = false; highlight(Math.min(active + 1, items.length - 1)); }
      else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (ev.key === "Enter" && active >= 0 && !list.hidden) { ev.preventDefault(); open(active); }
      else if (ev.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    // A field that arrives with an AGS (after sending the form) shows the name.
    var start = input.value.trim();
    if (!isSearch && /^\d{8}$/.test(start)) {
      fetchResults(start, 1).then(function (results) {
        var it = results[0];
        if (it && it.ags === start && input.value.trim() === start) { choose(it); }
      }).catch(function () {});
    }
  }
  document.querySelectorAll("input[data-typeahead]").forEach(setup);
})();
