"use strict";
// « Ouverture et Analyse », the table of plis (`#liste-plis`, replaced after each job): « Sélectionner toutes
// les enveloppes », a pli's checkbox checks its envelopes, and « par réponse » the closed candidature and offer
// of a pli check together (`data-groupe`). `/static/assistant.js` sends the checked envelopes with the job.
(function () {
  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll('#liste-plis input[name="enveloppe"]:not(:disabled)'));
  }

  function sync() {
    var all = boxes();
    document.querySelectorAll("#liste-plis .selection-pli").forEach(function (pli) {
      var own = all.filter(function (box) { return box.dataset.depot === pli.dataset.depot; });
      var checked = own.filter(function (box) { return box.checked; }).length;
      pli.checked = own.length > 0 && checked === own.length;
      pli.indeterminate = checked > 0 && checked < own.length;
    });
    var everything = document.querySelector("#liste-plis .selection-tous");
    if (everything) {
      var count = all.filter(function (box) { return box.checked; }).length;
      everything.checked = all.length > 0 && count === all.length;
      everything.indeterminate = count > 0 && count < all.length;
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest("#liste-plis")) return;
    if (target.classList.contains("selection-tous")) {
      boxes().forEach(function (box) { box.checked = target.checked; });
    } else if (target.classList.contains("selection-pli")) {
      boxes().filter(function (box) { return box.dataset.depot === target.dataset.depot; })
        .forEach(function (box) { box.checked = target.checked; });
    } else if (target.name === "enveloppe" && target.dataset.groupe && target.dataset.etat === "fermee") {
      boxes().filter(function (box) { return box.dataset.groupe === target.dataset.groupe && box.dataset.etat === "fermee"; })
        .forEach(function (box) { box.checked = target.checked; });
    } else {
      return;
    }
    sync();
  });
})();
