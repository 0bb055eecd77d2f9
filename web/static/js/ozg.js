/* Type-ahead for the OZG-Leistung field of the partner finder (combobox.js). A pick puts
   the Leistung's name into the field; the server turns the name into its ID. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-ozg-typeahead]").forEach(function (input) {
    window.kgCombobox(input, input.getAttribute("data-ozg-typeahead"), function (r) {
      var bits = [r.themenfeld, "OZG-ID " + r.id];
      if (r.projects) { bits.push(r.projects === 1 ? "1 Projekt" : r.projects + " Projekte"); }
      return bits.filter(Boolean).join(" · ");
    }, function (it) { input.value = it.name; });
  });
})();
