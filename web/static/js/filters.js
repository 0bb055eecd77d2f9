/* Filter forms: the Kreis list shows only the Kreise of the chosen Land. */
(function () {
  "use strict";
  var land = document.getElementById("land"), kreis = document.getElementById("kreis");
  if (!land || !kreis) { return; }
  function sync() {
    var l = land.value;
    Array.prototype.forEach.call(kreis.options, function (o) {
      var show = !o.value || !l || o.getAttribute("data-land") === l;
      o.hidden = !show; o.disabled = !show;
      if (!show && o.selected) { kreis.value = ""; }
    });
  }
  land.addEventListener("change", sync);
  sync();
})();
