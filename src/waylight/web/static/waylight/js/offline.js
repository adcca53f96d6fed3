// Waylight on the phone: the service worker (help now, the plan, the toolbox and the check-in
// form work offline; a check-in made offline is sent when the network is back), "Leave
// quickly", and today's date in the person's own time zone. Everything works without it.
(function () {
  "use strict";

  // Leave quickly: go to a neutral site and take this page out of the back history.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("[data-leave-quickly]") : null;
    if (!link) {
      return;
    }
    event.preventDefault();
    window.location.replace(link.href);
  });

  function localToday() {
    var now = new Date();
    var month = String(now.getMonth() + 1).padStart(2, "0");
    var day = String(now.getDate()).padStart(2, "0");
    return now.getFullYear() + "-" + month + "-" + day;
  }

  function fillToday() {
    // The server only knows its own clock; the browser knows the person's day.
    var fields = document.querySelectorAll("input[type=date][data-default-today]");
    for (var i = 0; i < fields.length; i += 1) {
      fields[i].value = localToday();
      fields[i].max = localToday();
    }
  }

  function announce(text) {
    var main = document.getElementById("main");
    if (!main) {
      return;
    }
    var box = document.createElement("div");
    box.className = "notices";
    box.setAttribute("role", "status");
    var note = document.createElement("p");
    note.className = "notice notice-success";
    note.textContent = text;
    box.appendChild(note);
    main.insertBefore(box, main.firstChild);
  }

  function askToSend() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "flush" });
    }
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(askToSend, function () {
      // No service worker (a private window, an old browser): everything still works online.
    });
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "sent" && data.count > 0) {
        // The words come from the page, in its language ("{count}" is the number).
        var body = document.body;
        var one = body.getAttribute("data-sent-one") || "Your check-in from when you were offline has been sent and saved.";
        var many = body.getAttribute("data-sent-many") || "{count} check-ins from when you were offline have been sent and saved.";
        announce(data.count === 1 ? one : many.replace("{count}", String(data.count)));
      }
    });
    window.addEventListener("online", askToSend);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fillToday);
  } else {
    fillToday();
  }
})();
