// Small touches on top of htmx. Everything works without this file.
(function () {
  "use strict";

  // --- The country: tell the server this device's time zone ------------------------------------
  // A phone in India set to US English should get India's lines, and only the browser knows the
  // time zone. It goes in a cookie (the zone name only, e.g. "Asia/Kolkata"). When the page now
  // showing was guessed from the language alone (the server marks it), and the zone names
  // another country, load the page once more so the lines are right.
  var TIME_ZONE_COOKIE = "waylight_tz";

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) {
        return parts[i].slice(eq + 1);
      }
    }
    return null;
  }

  function reloadIfZoneDisagrees(zone) {
    var body = document.body;
    var shown = body.getAttribute("data-time-zone-check");
    var mapUrl = body.getAttribute("data-time-zones");
    if (shown === null || !mapUrl || !window.fetch) {
      return;
    }
    fetch(mapUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (zones) {
        var country = zones[zone];
        if (country && country !== shown) {
          location.reload();
        }
      })
      .catch(function () { /* the language's guess stays, and the next page uses the zone */ });
  }

  function shareTimeZone() {
    var zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (err) {
      return;
    }
    if (!/^[A-Za-z0-9_+\/-]{1,64}$/.test(zone) || readCookie(TIME_ZONE_COOKIE) === zone) {
      return;
    }
    var secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = TIME_ZONE_COOKIE + "=" + zone + "; path=/; max-age=31536000; samesite=lax" + secure;
    // Only if the cookie really stuck (cookies may be off), or the reload would change nothing.
    if (readCookie(TIME_ZONE_COOKIE) === zone) {
      reloadIfZoneDisagrees(zone);
    }
  }
  shareTimeZone();

  // --- Focus after a swap --------------------------------------------------------------------
  // After htmx swaps in a new question or a result, move keyboard and screen-reader focus to
  // its heading so nobody is left on a part of the page that no longer exists.
  function focusHeading(container) {
    var heading = container.querySelector("[data-focus-after-swap]") || container.querySelector("h1, h2, legend");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) {
        heading.setAttribute("tabindex", "-1");
      }
      heading.focus();
    }
  }

  // --- The questionnaire and the browser's Back, Forward and reload ------------------------------
  // Each question htmx shows gets its own history entry (the URL says only which step, never an
  // answer). The entry keeps the questionnaire's own opaque state field, as the form already
  // holds it, in the tab's session history; nothing goes to localStorage. On Back, Forward or
  // reload the server is asked to show that step again (action "show"), with the states this tab
  // still holds, so an answer given before is ticked again.
  var restoring = false;

  function flowParts() {
    var flow = document.getElementById("check-flow");
    if (!flow || !flow.hasAttribute("data-check-url")) {
      return null;
    }
    var state = flow.querySelector("input[name='state']");
    var csrf = document.querySelector("input[name='csrfmiddlewaretoken']");
    if (!state || !csrf) {
      return null;
    }
    var isResult = flow.hasAttribute("data-check-result");
    return {
      url: flow.getAttribute("data-check-url"),
      state: state.value,
      csrf: csrf.value,
      step: isResult ? 100000 : parseInt(flow.getAttribute("data-check-step") || "0", 10),
      isResult: isResult
    };
  }

  function deeper(a, b) {
    if (!a) { return b; }
    if (!b) { return a; }
    return b.step > a.step ? b : a;
  }

  function entryFor(parts, previous) {
    return {
      waylightCheck: true,
      url: parts.url,
      token: parts.state,
      isResult: parts.isResult,
      deepest: deeper(previous && previous.deepest, { token: parts.state, step: parts.step })
    };
  }

  function stepUrl(parts) {
    return parts.url + (parts.isResult ? "?step=result" : "?step=" + (parts.step + 1));
  }

  function remember(push) {
    var parts = flowParts();
    if (!parts || !window.history || !history.replaceState) {
      return;
    }
    var previous = history.state && history.state.waylightCheck ? history.state : null;
    var entry = entryFor(parts, previous);
    if (push) {
      history.pushState(entry, "", stepUrl(parts));
    } else if (location.pathname === parts.url) {
      history.replaceState(entry, "", previous || parts.step ? stepUrl(parts) : location.href);
    }
  }

  function show(entry) {
    var parts = flowParts();
    if (!parts || !window.htmx || !entry || entry.url !== parts.url) {
      return;
    }
    restoring = true;
    var values = { state: entry.token, csrfmiddlewaretoken: parts.csrf };
    if (entry.isResult) {
      values.action = "next";
    } else {
      values.action = "show";
      // Where this step's answer may be kept: the step on screen now (the newest truth when
      // going back), then the furthest step this entry has seen.
      values.later = [parts.state, entry.deepest ? entry.deepest.token : ""];
    }
    htmx.ajax("POST", entry.url, {
      target: "#check-flow",
      select: "#check-flow",
      swap: "outerHTML",
      values: values
    });
  }

  window.addEventListener("popstate", function (event) {
    var entry = event.state;
    if (entry && entry.waylightCheck) {
      var parts = flowParts();
      if (parts) {
        entry.deepest = deeper(entry.deepest, { token: parts.state, step: parts.step });
        history.replaceState(entry, "");
      }
      show(entry);
    }
  });

  // A page load (reload, or coming back from another page) with a saved entry: pick up where
  // this tab was. Otherwise remember the step this page shows.
  if (history.state && history.state.waylightCheck && flowParts()) {
    show(history.state);
  } else {
    remember(false);
  }

  // History first, in the same task as the swap: whoever sees the new question sees its URL.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!document.getElementById("check-flow") || !flowParts()) {
      return;
    }
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "check-flow") {
      return;
    }
    var status = event.detail.xhr ? event.detail.xhr.status : 200;
    if (restoring || status >= 400) {
      // Back, Forward, reload, or a message about this same step: no new history entry.
      restoring = false;
      if (status < 400) {
        remember(false);
      }
    } else {
      remember(true);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.id || target.id === "search-results") {
      return;
    }
    // With an outerHTML swap the old element is gone: find its replacement by id.
    focusHeading(document.getElementById(target.id) || target);
  });
})();
