/* Type-ahead search for municipalities (combobox.js).
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
    var isSearch = !!(input.form && input.form.getAttribute("role") === "search");
    var fieldName = input.getAttribute("name");
    var hidden = null;

    // A chosen municipality: its name is shown, its AGS is what the form sends.
    function choose(it) {
      input.value = it.name;
      if (!hidden) {
        hidden = document.createElement("input"); hidden.type = "hidden";
        input.insertAdjacentElement("afterend", hidden);
      }
      hidden.name = fieldName; hidden.value = it.ags;
      input.removeAttribute("name"); input.setAttribute("data-ags", it.ags);
    }
    function unchoose() {
      if (hidden && hidden.name) {
        hidden.removeAttribute("name"); hidden.value = "";
        input.setAttribute("name", fieldName); input.removeAttribute("data-ags");
      }
    }
    // (registered before the combobox's own input handler: typing drops the AGS first)
    input.addEventListener("input", unchoose);
    var box = window.kgCombobox(input, input.getAttribute("data-typeahead"), function (r) {
      return [r.district, r.state].filter(Boolean).join(", ") + " · AGS " + r.ags;
    }, function (it) {
      if (isSearch) { input.value = it.name; window.location.href = it.url; }
      else { choose(it); }
    });
    // A field that arrives with an AGS (after sending the form) shows the name.
    var start = input.value.trim();
    if (!isSearch && /^\d{8}$/.test(start)) {
      box.fetchResults(start, 1).then(function (results) {
        var it = results[0];
        if (it && it.ags === start && input.value.trim() === start) { choose(it); }
      }).catch(function () {});
    }
  }
  document.querySelectorAll("input[data-typeahead]").forEach(setup);
})();
