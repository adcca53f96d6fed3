// Small touches on top of htmx. Everything works without this file.
(function () {
  "use strict";
  // After htmx swaps in a new question or new results, move keyboard and screen-reader focus
  // to its heading so people are not left at the bottom of a page that changed under them.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id === "search-results") {
      return;
    }
    var heading = target.querySelector("[data-focus-after-swap]") || target.querySelector("h1, h2, legend");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) {
        heading.setAttribute("tabindex", "-1");
      }
      heading.focus();
    }
  });
})();
