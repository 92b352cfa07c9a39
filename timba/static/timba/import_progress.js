/* The admin import's progress bar: polls the run's JSON progress view and reloads the page when
   the job has finished (timba.runtime.admin_imports.views; an export's, timba.runtime.exports.admin, has no
   error count). No dependencies. */
(function () {
  "use strict";
  function start(section) {
    var url = section.getAttribute("data-progress-url");
    var bar = section.querySelector("[data-progress-bar]");
    var text = section.querySelector("[data-progress-text]");
    var note = section.querySelector("[data-progress-message]");
    var delay = 1000;
    function tick() {
      var request = new XMLHttpRequest();
      request.open("GET", url, true);
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        if (request.status !== 200) { window.location.reload(); return; }
        var p = JSON.parse(request.responseText);
        if (!p.running) { window.location.reload(); return; }
        var percent = Math.max(0, Math.min(100, Number(p.percent) || 0));
        if (bar) { bar.style.width = percent + "%"; }
        if (text) {
          text.textContent = (p.done || 0) + " of " + (p.total == null ? "?" : p.total) + " rows done" +
            (p.errors == null ? "" : ", " + p.errors + " error" + (p.errors === 1 ? "" : "s") + " so far");
        }
        if (note) { note.textContent = p.message || ""; }
        window.setTimeout(tick, delay);
      };
      request.onerror = function () { delay = Math.min(delay * 2, 10000); window.setTimeout(tick, delay); };
      request.send();
    }
    window.setTimeout(tick, delay);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var sections = document.querySelectorAll("[data-import-progress]");
    for (var i = 0; i < sections.length; i++) { start(sections[i]); }
  });
})();
