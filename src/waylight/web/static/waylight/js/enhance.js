// Small touches on top of htmx. Everything works without this file.
(function () {
  "use strict";
  // After htmx swaps in a new question or a result, move keyboard and screen-reader focus to
  // its heading so nobody is left on a part of the page that no longer exists.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.id || target.id === "search-results") {
      return;
    }
    // With an outerHTML swap the old element is gone: find its replacement by id.
    var fresh = document.getElementById(target.id) || target;
    var heading = fresh.querySelector("[data-focus-after-swap]") || fresh.querySelector("h1, h2, legend");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) {
        heading.setAttribute("tabindex", "-1");
      }
      heading.focus();
    }
  });
})();
