/* A thread page that stays current (forum/consumers.py ThreadConsumer): new posts appear on the last page (an
 * earlier page offers a link to it), edited and hidden posts change in place, reaction counts follow, and
 * "Reading now" lists who else has the thread open. After a reconnect the page fetches its posts again from the
 * first one it shows (data-since), so a frame the channel layer dropped is not lost. Needs live.js.
 */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("forum-live");
    var list = document.querySelector("ol.forum-posts");
    if (!root || !list || !window.ZITnetLive) return;
    var onLastPage = root.getAttribute("data-last-page") === "1";
    var notice = root.querySelector(".forum-live__notice");
    var announcer = root.querySelector(".forum-live__announcer");
    var presence = root.querySelector(".forum-presence");
    var text = function (name) {
      return root.getAttribute("data-text-" + name) || "";
    };
    var wasDown = false;
    var offlineTimer = null;

    function csrfToken() {
      var field = document.querySelector("input[name=csrfmiddlewaretoken]");
      return field ? field.value : "";
    }

    // Frames are shared by every reader of a kind, so their forms come without a CSRF token: add this page's.
    function withToken(item) {
      var token = csrfToken();
      item.querySelectorAll('form[method="post"]').forEach(function (form) {
        if (!token || form.querySelector("input[name=csrfmiddlewaretoken]")) return;
        var field = document.createElement("input");
        field.type = "hidden";
        field.name = "csrfmiddlewaretoken";
        field.value = token;
        form.insertBefore(field, form.firstChild);
      });
      return item;
    }

    function parse(html) {
      var template = document.createElement("template");
      template.innerHTML = html.trim();
      return Array.prototype.filter.call(template.content.querySelectorAll("li[data-post]"), function (li) {
        return li.parentNode === template.content || li.parentNode.tagName === "OL";
      });
    }

    function lastId() {
      var items = list.querySelectorAll(":scope > li[data-post]");
      return items.length ? parseInt(items[items.length - 1].getAttribute("data-post"), 10) : 0;
    }

    function firstId() {
      var item = list.querySelector(":scope > li[data-post]");
      return item ? parseInt(item.getAttribute("data-post"), 10) : 0;
    }

    function say(message) {
      announcer.textContent = "";
      window.setTimeout(function () {
        announcer.textContent = message;
      }, 50);
    }

    function show(message, href) {
      notice.textContent = "";
      if (href) {
        var link = document.createElement("a");
        link.href = href;
        link.textContent = message;
        notice.appendChild(link);
      } else {
        notice.textContent = message;
      }
      notice.hidden = false;
    }

    // The reader's own pressed reactions survive a re-rendered post (shared frames know nobody's reactions).
    function keepMine(old, fresh) {
      old.querySelectorAll(".forum-reaction--mine").forEach(function (button) {
        var kind = button.closest("form") && button.closest("form").querySelector("input[name=kind]");
        if (!kind) return;
        fresh.querySelectorAll("input[name=kind][value='" + kind.value + "']").forEach(function (input) {
          var twin = input.closest("form").querySelector("button");
          twin.classList.add("forum-reaction--mine");
          twin.setAttribute("aria-pressed", "true");
        });
      });
    }

    function place(item, announce) {
      var id = parseInt(item.getAttribute("data-post"), 10);
      var existing = document.getElementById("post-" + id);
      if (existing) {
        if (announce !== "catch-up") keepMine(existing, item);
        existing.replaceWith(withToken(item));
        return false;
      }
      if (id <= lastId()) return false; // an older post that is not on this page
      if (!onLastPage) {
        show(text("newer"), root.getAttribute("data-last-page-url"));
        return false;
      }
      item.classList.add("forum-post--new");
      list.appendChild(withToken(item));
      if (announce === "live") {
        var author = item.querySelector(".forum-post__author");
        say(text("new-post").replace("%(name)s", author ? author.textContent.trim() : ""));
      }
      return true;
    }

    function catchUp() {
      var from = firstId() || lastId() + 1;
      var url = root.getAttribute("data-since") + "?od=" + encodeURIComponent(from || 1);
      window
        .fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var template = document.createElement("template");
          template.innerHTML = html.trim();
          var wrapper = template.content.querySelector("ol");
          parse(html).forEach(function (item) {
            place(item, "catch-up");
          });
          if (wrapper && wrapper.getAttribute("data-more") === "1") show(text("more"));
        })
        .catch(function () {
          /* The next reconnect tries again; the page itself is still right as of its loading. */
        });
    }

    function reactions(data) {
      var item = document.getElementById("post-" + data.id);
      if (!item) return;
      item.querySelectorAll(".forum-reactions > li").forEach(function (entry) {
        var kind = entry.querySelector("input[name=kind]");
        var count = entry.querySelector(".forum-reaction__count");
        if (kind && count) count.textContent = String(data.counts[kind.value] || 0);
      });
    }

    function readers(list, total) {
      if (!presence) return;
      var names = presence.querySelector(".forum-presence__names");
      var shown = list
        .map(function (reader) {
          return reader.name;
        })
        .join(", ");
      if (total > list.length) {
        shown += " " + text("more-readers").replace("%(count)s", String(total - list.length));
      }
      names.textContent = shown;
      presence.hidden = total === 0;
    }

    var connection = window.ZITnetLive.open(root.getAttribute("data-socket"), {
      open: function (again) {
        window.clearTimeout(offlineTimer);
        if (again) {
          catchUp();
          if (notice.textContent === text("offline")) notice.hidden = true;
          if (wasDown) say(text("online"));
        }
        wasDown = false;
      },
      down: function () {
        wasDown = true;
        // A blip is not worth a notice; a connection gone for a few seconds is.
        offlineTimer = window.setTimeout(function () {
          show(text("offline"));
        }, 4000);
      },
      refused: function (code) {
        if (code === 4403) show(text("gone"));
      },
      message: function (data) {
        if (data.type === "post") {
          parse(data.html).forEach(function (item) {
            place(item, data.kind === "created" ? "live" : "change");
          });
        } else if (data.type === "reactions") {
          reactions(data);
        } else if (data.type === "presence") {
          readers(data.readers || [], data.total || 0);
        } else if (data.type === "thread") {
          var locked = root.getAttribute("data-locked");
          var now = data.locked ? "1" : "0";
          if (locked !== null && locked !== now) show(text(data.locked ? "locked" : "unlocked"));
          root.setAttribute("data-locked", now);
          if (data.url && data.url !== window.location.pathname) show(text("moved"), data.url);
        } else if (data.type === "gone") {
          show(text("gone"));
        }
      },
    });
    window.ZITnetForumLive = connection;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
