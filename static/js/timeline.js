// On a narrow screen the filter form is collapsed behind a "Filters (N active)" button, so the first
// screen shows events. Without JavaScript the button stays hidden and the form stays open.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 720px)");

  function parts() {
    return { button: document.querySelector(".filters-toggle"), form: document.getElementById("filter-form") };
  }

  function setOpen(open) {
    var p = parts();
    if (!p.button || !p.form) return;
    p.button.setAttribute("aria-expanded", open ? "true" : "false");
    p.form.classList.toggle("is-collapsed", !open);
  }

  function init() {
    var p = parts();
    if (!p.button || !p.form) return;
    p.button.hidden = false;
    setOpen(!narrow.matches);
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest(".filters-toggle");
    if (button) setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  narrow.addEventListener("change", function () { setOpen(!narrow.matches); });
  // The search box updates the results as one types (its own hx-trigger); its "change" on leaving the box
  // must not send the same request again. Done here, not by an hx-trigger filter, because htmx evaluates
  // filters with eval, which the Content-Security-Policy forbids.
  document.addEventListener("change", function (e) {
    if (e.target.id === "id_q" && e.target.form && e.target.form.id === "filter-form") e.stopPropagation();
  }, true);
  document.addEventListener("DOMContentLoaded", init);
  // Back and Forward swap the whole body in (htmx history restore): set the new button up too.
  document.addEventListener("htmx:historyRestore", init);
})();
