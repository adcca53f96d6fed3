// Ride the urge: a live countdown in the page, so it keeps going without a network. Without
// JavaScript the same form works in two posts and the page says the countdown needs this file.
(function () {
  "use strict";
  var form = document.querySelector("form[data-urge-ride]");
  if (!form) {
    return;
  }
  var total = parseInt(form.getAttribute("data-seconds"), 10) || 900;
  var before = form.querySelector("[data-urge-step=before]");
  var wait = form.querySelector("[data-urge-step=wait]");
  var clock = form.querySelector("[data-urge-clock]");
  var remaining = form.querySelector("[data-urge-remaining]");
  var done = form.querySelector("[data-urge-done]");
  var minutesField = form.querySelector("[data-urge-minutes]");
  var started = null;
  var timer = null;
  // The page says the countdown needs JavaScript; here it is, so that note can go.
  var noScript = document.querySelector("[data-urge-no-script]");
  if (noScript) {
    noScript.hidden = true;
  }

  function show(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    remaining.textContent = m + ":" + (s < 10 ? "0" : "") + s;
  }

  function tick() {
    var elapsed = Math.floor((Date.now() - started) / 1000);
    minutesField.value = String(Math.round(elapsed / 60));
    var left = Math.max(0, total - elapsed);
    show(left);
    if (left === 0) {
      window.clearInterval(timer);
      // Said once, politely, when the time is up (a live region that ticks would be noise).
      // The words come from the page, in its language ("{minutes}" is the number).
      var words = done.getAttribute("data-done-words") || "The {minutes} minutes are up. How strong is the urge now?";
      done.textContent = words.replace("{minutes}", String(Math.round(total / 60)));
    }
  }

  function start() {
    started = Date.now();
    if (before) {
      before.hidden = true;
    }
    wait.hidden = false;
    clock.hidden = false;
    show(total);
    timer = window.setInterval(tick, 1000);
    var heading = wait.querySelector("h2");
    if (heading) {
      heading.focus();
    }
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.value === "start") {
      var chosen = form.querySelector("input[name=before]:checked");
      if (!chosen) {
        return; // let the server explain what is missing
      }
      event.preventDefault();
      start();
    } else if (started !== null) {
      minutesField.value = String(Math.round((Date.now() - started) / 60000));
    }
  });

  // The no-JavaScript path already posted "start": count from when this page loaded.
  if (!before && wait && !wait.hidden) {
    started = Date.now();
    clock.hidden = false;
    show(total);
    timer = window.setInterval(tick, 1000);
  }
})();
