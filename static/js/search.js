/* Search: suggestions as you type, and the map of search results.

   Every search input with data-suggest becomes an ARIA 1.2 combobox: it keeps the focus, its suggestions
   are a listbox below it, the arrow keys move through them (aria-activedescendant), Enter opens the one
   chosen or, with none chosen, submits the form, Escape closes the list. Without JavaScript the input is a
   plain search field and the form submits as usual.

   On the search page with ?widok=mapa, the results that have a position are drawn on a Leaflet map (data
   from a json_script element); the list of results below it remains the way to reach them by keyboard or
   screen reader. */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_CHARS = 2;

  function Combobox(input) {
    this.input = input;
    this.url = input.getAttribute("data-suggest");
    this.wrapper = input.closest(".combobox") || input.parentNode;
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    this.shownFor = null;

    var id = (input.id || "search") + "-suggestions";
    // The texts come translated from the template; these English ones are only a fallback.
    this.statusText = input.getAttribute("data-status-text") || "Suggestions: %(count)s.";

    this.listbox = document.createElement("ul");
    this.listbox.id = id;
    this.listbox.className = "combobox__listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", input.getAttribute("data-list-label") || "Suggestions");
    this.listbox.hidden = true;

    // A live region for "N suggestions" (aria-live alone: the page's own role="status" messages stay the
    // only status elements).
    this.status = document.createElement("span");
    this.status.className = "visually-hidden";
    this.status.setAttribute("aria-live", "polite");

    this.wrapper.appendChild(this.listbox);
    this.wrapper.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    var self = this;
    input.addEventListener("input", function () { self.schedule(); });
    input.addEventListener("keydown", function (event) { self.onKey(event); });
    input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
    });
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { self.choose(Number(option.getAttribute("data-index"))); }
    });
  }

  Combobox.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.fetch(); }, DELAY_MS);
  };

  Combobox.prototype.fetch = function () {
    var text = this.input.value.trim();
    if (text.length < MIN_CHARS) { this.render([], text); return; }
    if (text === this.shownFor) { return; }
    if (this.request) { this.request.abort(); }
    var controller = window.AbortController ? new AbortController() : null;
    this.request = controller;
    var self = this;
    var url = this.url + (this.url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(text);
    fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (self.input.value.trim() === text) { self.render(data.suggestions || [], text); }
      })
      .catch(function () { /* aborted or offline: the form still submits */ });
  };

  Combobox.prototype.render = function (suggestions, text) {
    this.options = suggestions;
    this.active = -1;
    this.shownFor = text;
    this.input.removeAttribute("aria-activedescendant");
    this.listbox.textContent = "";
    var self = this;
    suggestions.forEach(function (suggestion, index) {
      var item = document.createElement("li");
      item.id = self.listbox.id + "-" + index;
      item.className = "combobox__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-index", String(index));
      var title = document.createElement("span");
      title.textContent = suggestion.title;
      var type = document.createElement("span");
      type.className = "combobox__type";
      type.textContent = suggestion.type_label;
      item.appendChild(title);
      item.appendChild(type);
      self.listbox.appendChild(item);
    });
    if (suggestions.length && document.activeElement === this.input) {
      this.open();
      this.status.textContent = this.statusText.replace("%(count)s", String(suggestions.length));
    } else {
      this.close();
      this.status.textContent = "";
    }
  };

  Combobox.prototype.open = function () {
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.setActive(-1);
  };

  Combobox.prototype.isOpen = function () { return !this.listbox.hidden; };

  Combobox.prototype.setActive = function (index) {
    var items = this.listbox.querySelectorAll("[role=option]");
    this.active = index;
    for (var i = 0; i < items.length; i += 1) {
      items[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    if (index >= 0 && items[index]) {
      this.input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Combobox.prototype.move = function (step) {
    if (!this.options.length) { return; }
    if (!this.isOpen()) { this.open(); }
    var count = this.options.length;
    var next = this.active + step;
    if (next >= count) { next = 0; }
    if (next < 0) { next = count - 1; }
    this.setActive(next);
  };

  Combobox.prototype.choose = function (index) {
    var suggestion = this.options[index];
    if (suggestion && suggestion.url) {
      this.input.value = suggestion.title;
      this.close();
      window.location.assign(suggestion.url);
    }
  };

  Combobox.prototype.onKey = function (event) {
    if (event.isComposing) { return; }
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (event.altKey) { if (this.options.length) { this.open(); } } else { this.move(1); }
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        } else {
          this.close();
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  function initMap(panel) {
    var source = document.getElementById("search-map-data");
    if (!window.L || !source) { return; }
    var points = JSON.parse(source.textContent || "[]");
    var status = panel.querySelector(".map-panel__status");
    panel.hidden = false;
    var map = L.map(panel.querySelector(".map"), { scrollWheelZoom: false }).setView([52.0, 19.2], 6);
    var attribution = document.createElement("a");
    attribution.href = "https://www.openstreetmap.org/copyright";
    attribution.textContent = panel.getAttribute("data-attribution");
    var tiles = L.tileLayer(panel.getAttribute("data-tiles"), { maxZoom: 18, attribution: attribution.outerHTML });
    tiles.addTo(map);
    var warned = false;
    tiles.on("tileerror", function () {
      if (!warned) { warned = true; status.textContent = panel.getAttribute("data-tiles-failed"); }
    });
    var group = L.featureGroup().addTo(map);
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 7, weight: 2, className: "marker-hit marker-hit--" + point.type
      });
      var content = document.createElement("div");
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.title;
      var kind = document.createElement("div");
      kind.textContent = point.type_label + (point.distance !== null ? " · " + point.distance + " km" : "");
      content.appendChild(link);
      content.appendChild(kind);
      marker.bindPopup(content);
      marker.addTo(group);
    });
    if (panel.getAttribute("data-center")) {
      var center = panel.getAttribute("data-center").split(",").map(Number);
      L.circle(center, {
        radius: Number(panel.getAttribute("data-radius")) * 1000, className: "map-radius", fill: false
      }).addTo(group);
    }
    var bounds = group.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 12, padding: [20, 20] }); }
    if (!warned) { status.textContent = panel.getAttribute("data-status"); }
  }

  function init() {
    document.querySelectorAll("input[data-suggest]").forEach(function (input) { new Combobox(input); });
    document.querySelectorAll("[data-search-map]").forEach(initMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
