/* ZITnet live updates: a WebSocket that comes back after it drops, and the header's notification bell.
 *
 * ZITnetLive.open(path, handlers) connects to ws(s)://<this host><path>?lang=<page language>, beats every 30 s,
 * and after a drop reconnects with a growing, jittered delay (1 s, 2 s, 4 s … at most 30 s). handlers.message(data)
 * gets every frame as an object; handlers.open(isReconnect) runs after each (re)connection — the place to fetch
 * what was missed, since channel layers deliver at most once; handlers.down() when the connection drops;
 * handlers.refused(code) when the server refuses for good (close codes 4400–4499: no retry).
 * Without JavaScript, or without WebSockets, the pages work as they are; this only adds to them.
 */
(function () {
  "use strict";

  var HEARTBEAT_MS = 30000;
  var MAX_DELAY_MS = 30000;

  function socketUrl(path) {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var lang = document.documentElement.getAttribute("lang") || "";
    return scheme + window.location.host + path + (lang ? "?lang=" + encodeURIComponent(lang) : "");
  }

  function open(path, handlers) {
    var attempt = 0;
    var socket = null;
    var heartbeat = null;
    var stopped = false;
    var everOpened = false;

    function connect() {
      if (stopped || !("WebSocket" in window)) return;
      socket = new WebSocket(socketUrl(path));
      socket.addEventListener("open", function () {
        var again = everOpened;
        everOpened = true;
        attempt = 0;
        heartbeat = window.setInterval(function () {
          if (socket.readyState === WebSocket.OPEN) socket.send('{"type": "ping"}');
        }, HEARTBEAT_MS);
        if (handlers.open) handlers.open(again);
      });
      socket.addEventListener("message", function (event) {
        var data;
        try {
          data = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        if (data && handlers.message) handlers.message(data);
      });
      socket.addEventListener("close", function (event) {
        window.clearInterval(heartbeat);
        if (event.code >= 4400 && event.code < 4500) {
          stopped = true;
          if (handlers.refused) handlers.refused(event.code);
          return;
        }
        if (everOpened && handlers.down) handlers.down();
        var delay = Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, attempt));
        attempt += 1;
        window.setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
      });
    }

    connect();
    return {
      // For tests and for pages that leave: close without reconnecting.
      stop: function () {
        stopped = true;
        if (socket) socket.close();
      },
      // Drop the connection as a network would; the client reconnects and catches up.
      drop: function () {
        if (socket) socket.close(4000);
      },
    };
  }

  // The bell: count, accessible name, and an announcement (with a link) when a notification arrives.
  function bell() {
    var link = document.querySelector(".notification-bell[data-socket]");
    if (!link) return;
    var toast = document.getElementById("notification-toast");
    open(link.getAttribute("data-socket"), {
      message: function (data) {
        if (data.type !== "unread") return;
        link.textContent = data.text;
        link.setAttribute("aria-label", data.label);
        if (data.latest && toast) showToast(toast, data.latest);
      },
    });
  }

  // The toast is a live region that is always in the page; only its content comes and goes.
  function showToast(toast, latest) {
    toast.textContent = "";
    var paragraph = document.createElement("p");
    paragraph.appendChild(document.createTextNode(toast.getAttribute("data-text-new") + " "));
    var target = document.createElement("a");
    target.href = latest.url;
    target.textContent = latest.text;
    paragraph.appendChild(target);
    paragraph.appendChild(document.createTextNode(" "));
    var dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "link-button";
    dismiss.textContent = toast.getAttribute("data-text-dismiss");
    dismiss.addEventListener("click", function () {
      toast.textContent = "";
    });
    paragraph.appendChild(dismiss);
    toast.appendChild(paragraph);
  }

  window.ZITnetLive = { open: open };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bell);
  } else {
    bell();
  }
})();
