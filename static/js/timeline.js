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
  document.addEventListener("DOMContentLoaded", init);
  // Back and Forward swap the whole body in (htmx history restore): set the new button up too.
  document.addEventListener("htmx:historyRestore", init);
})();
