// Waylight's service worker. The app serves it at /sw.js with its settings on the first line
// (self.WAYLIGHT_OFFLINE: version, pages and files to keep, forms to queue). It keeps help now,
// the safety plan, the toolbox and the check-in form working without a network, and keeps a
// check-in (or an urge ridden out) made offline on the phone until the network is back.
/* global self, caches, indexedDB, fetch, Response, URLSearchParams */
"use strict";

var CONFIG = self.WAYLIGHT_OFFLINE;
var CACHE = "waylight-" + CONFIG.version;
var DB_NAME = "waylight-offline";
var STORE = "queue";
var TOKEN = /name="csrfmiddlewaretoken" value="([^"]+)"/;

function openQueue() {
  return new Promise(function (resolve, reject) {
    var request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = function () {
      request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
}

function inQueue(mode, work) {
  return openQueue().then(function (db) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(STORE, mode);
      var result = work(tx.objectStore(STORE));
      tx.oncomplete = function () { db.close(); resolve(result && result.result); };
      tx.onerror = function () { db.close(); reject(tx.error); };
    });
  });
}

function enqueue(item) {
  return inQueue("readwrite", function (store) { return store.add(item); });
}

function queued() {
  return inQueue("readonly", function (store) { return store.getAll(); });
}

function dequeue(id) {
  return inQueue("readwrite", function (store) { return store.delete(id); });
}

function keep(cache, path, response) {
  // A redirected answer cannot stand in for a page; only plain successes are kept.
  if (response && response.ok && !response.redirected && response.type === "basic") {
    return cache.put(path, response);
  }
  return Promise.resolve();
}

function precache() {
  return caches.open(CACHE).then(function (cache) {
    return cache.addAll(CONFIG.assets).then(function () {
      return Promise.all(CONFIG.pages.map(function (path) {
        return fetch(path, { credentials: "same-origin" }).then(function (response) {
          return keep(cache, path, response);
        }, function () { return null; });
      }));
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(precache().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("waylight-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); }).then(flush)
  );
});

function fromNetwork(event, request, path) {
  return fetch(request).then(function (response) {
    if (CONFIG.pages.indexOf(path) !== -1) {
      // Copy now: the page starts reading the original as soon as it is returned.
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) {
        return keep(cache, path, copy);
      }));
    }
    return response;
  }, function () {
    return caches.match(path).then(function (kept) {
      return kept || caches.match(CONFIG.offlinePage).then(function (offline) {
        return offline || Response.error();
      });
    });
  });
}

function fromCache(request) {
  return caches.match(request).then(function (kept) { return kept || fetch(request); });
}

function sendOrQueue(request, path) {
  return request.clone().text().then(function (body) {
    return fetch(request).catch(function () {
      return enqueue({ path: path, body: body, queuedAt: Date.now() }).then(function () {
        if (self.registration.sync) {
          self.registration.sync.register("waylight-queue").catch(function () { return null; });
        }
        return caches.match(CONFIG.queuedPage).then(function (page) {
          return page || new Response(
            "Kept on this phone. It will be sent when the connection is back.",
            { headers: { "Content-Type": "text/plain; charset=utf-8" } }
          );
        });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method === "POST" && CONFIG.queued.indexOf(url.pathname) !== -1) {
    event.respondWith(sendOrQueue(request, url.pathname));
  } else if (request.method !== "GET") {
    return;
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(fromCache(request));
  } else if (request.mode === "navigate") {
    event.respondWith(fromNetwork(event, request, url.pathname));
  }
});

function freshToken(path) {
  // The form kept offline may carry an old CSRF token (signing in changes it): ask for a new one.
  return fetch(path, { credentials: "same-origin" }).then(function (response) {
    return response.text();
  }).then(function (html) {
    var found = TOKEN.exec(html);
    return found ? found[1] : null;
  });
}

function sendOne(item) {
  return freshToken(item.path).then(function (token) {
    var body = new URLSearchParams(item.body);
    if (token) {
      body.set("csrfmiddlewaretoken", token);
    }
    body.set("queued_at", String(item.queuedAt));
    return fetch(item.path, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual"
    });
  }).then(function (response) {
    var saved = response.type === "opaqueredirect" || response.ok;
    // A form the server refuses for good (not a token or a limit) cannot be fixed here.
    var refused = !saved && response.status >= 400 && response.status < 500 &&
      response.status !== 403 && response.status !== 429;
    return (saved || refused ? dequeue(item.id) : Promise.resolve()).then(function () {
      return saved;
    });
  });
}

var flushing = null;
// A flush asked for while one runs: the one running may be a try made just before the network
// came back, doomed to fail, so one more runs after it rather than the ask being dropped.
var again = false;

function flushDone() {
  flushing = null;
  if (again) {
    return flush();
  }
  return null;
}

function flush() {
  if (flushing) {
    again = true;
    return flushing;
  }
  again = false;
  flushing = queued().then(function (items) {
    var sent = 0;
    return items.reduce(function (chain, item) {
      return chain.then(function () {
        return sendOne(item).then(function (saved) { sent += saved ? 1 : 0; });
      });
    }, Promise.resolve()).catch(function () {
      return null; // still offline: try again on the next page, "online" event or sync
    }).then(function () {
      if (!sent) {
        return null;
      }
      return self.clients.matchAll({ type: "window" }).then(function (clients) {
        clients.forEach(function (client) { client.postMessage({ type: "sent", count: sent }); });
      });
    });
  }).then(flushDone, flushDone);
  return flushing;
}

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "flush") {
    event.waitUntil(flush());
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag === "waylight-queue") {
    event.waitUntil(flush());
  }
});
