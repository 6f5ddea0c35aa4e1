// Filters of the report index: plain DOM, no library, nothing fetched. Selections live in the URL
// hash (#team=…&status=…) so a filtered view can be bookmarked or sent on.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#plans tbody tr.plan-row"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("no-match");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  function apply() {
    var n = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.name) === s.value; });
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = shown.getAttribute("data-template").replace("{n}", n).replace("{total}", rows.length);
    none.hidden = n !== 0;
    var parts = selects.filter(function (s) { return s.value; }).map(function (s) { return s.name + "=" + encodeURIComponent(s.value); });
    try {
      history.replaceState(null, "", parts.length ? "#" + parts.join("&") : window.location.pathname);
    } catch (e) { /* some browsers refuse history on file:// pages; the filter works regardless */ }
  }
  (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
    var kv = pair.split("=");
    var s = form.querySelector('select[name="' + kv[0] + '"]');
    if (s && kv.length === 2) { s.value = decodeURIComponent(kv[1]); }
  });
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
